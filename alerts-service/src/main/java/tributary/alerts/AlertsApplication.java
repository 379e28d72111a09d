package tributary.alerts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The alerts-service: raises weather alerts from weather_data and customer_sentiment and
 * publishes them to weather_alerts.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertsApplication {

	public static void main(String[] args) {
		SpringApplication.run(AlertsApplication.class, args);
	}

}
