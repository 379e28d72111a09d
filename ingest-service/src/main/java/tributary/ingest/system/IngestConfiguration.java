package tributary.ingest.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's clock, which stamps {@code ingestedAt}; tests may put their own. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
