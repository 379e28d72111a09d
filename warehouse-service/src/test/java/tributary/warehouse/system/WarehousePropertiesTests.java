package tributary.warehouse.system;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WarehousePropertiesTests {

	@Test
	void fetchesWaitForAMegabyteOrHalfASecondByDefault() {
		WarehouseProperties.Consumer consumer = bind(Map.of()).consumer();

		assertThat(consumer.fetchMinSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(consumer.fetchMaxWait()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void bindsFetchSettingsFromTheirProperties() {
		WarehouseProperties.Consumer consumer = bind(Map.of("tributary.warehouse.consumer.fetch-min-size", "1B",
				"tributary.warehouse.consumer.fetch-max-wait", "0ms"))
			.consumer();

		assertThat(consumer.fetchMinSize()).isEqualTo(DataSize.ofBytes(1));
		assertThat(consumer.fetchMaxWait()).isZero();
	}

	@Test
	void refusesAFetchSizeOrWaitKafkaCannotTake() {
		assertThatIllegalArgumentException().isThrownBy(() -> consumer(DataSize.ofBytes(0), Duration.ofMillis(250)))
			.withMessageContaining("fetch-min-size");
		assertThatIllegalArgumentException().isThrownBy(() -> consumer(DataSize.ofGigabytes(4), Duration.ofMillis(250)))
			.withMessageContaining("fetch-min-size");
		assertThatIllegalArgumentException().isThrownBy(() -> consumer(DataSize.ofKilobytes(1), Duration.ofMillis(-1)))
			.withMessageContaining("fetch-max-wait");
	}

	@Test
	void commitsOnceASecondUnlessToldOtherwiseAndRefusesANegativeInterval() {
		assertThat(bind(Map.of()).consumer().commitInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(bind(Map.of("tributary.warehouse.consumer.commit-interval", "0")).consumer().commitInterval())
			.isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> consumer(DataSize.ofKilobytes(1), Duration.ofMillis(250), Duration.ofMillis(-1)))
			.withMessageContaining("commit-interval");
	}

	private static WarehouseProperties.Consumer consumer(DataSize fetchMinSize, Duration fetchMaxWait) {
		return consumer(fetchMinSize, fetchMaxWait, Duration.ofSeconds(1));
	}

	private static WarehouseProperties.Consumer consumer(DataSize fetchMinSize, Duration fetchMaxWait,
			Duration commitInterval) {
		return new WarehouseProperties.Consumer("warehouse", 3, 2000, fetchMinSize, fetchMaxWait,
				Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(15), commitInterval, null);
	}

	private static WarehouseProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tributary.warehouse",
				WarehouseProperties.class);
	}

}
