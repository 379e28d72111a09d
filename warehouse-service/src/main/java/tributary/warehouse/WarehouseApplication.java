package tributary.warehouse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The warehouse-service: Keeps every event in MongoDB, maintains exact aggregates and
 * answers questions about them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WarehouseApplication {

	public static void main(String[] args) {
		SpringApplication.run(WarehouseApplication.class, args);
	}

}
