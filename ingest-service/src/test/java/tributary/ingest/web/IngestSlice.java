package tributary.ingest.web;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import tributary.ingest.publishing.RecordingPublisher;
import tributary.ingest.system.IngestMetrics;
import tributary.ingest.system.IngestProperties;
import tributary.support.security.SecurityConfiguration;
import tributary.support.topics.TopicsProperties;

/**
 * What a {@code @WebMvcTest} of the ingest endpoints needs besides the web layer: the
 * real reading, validation and answering, API keys, and a {@link RecordingPublisher} in
 * place of Kafka.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ Ingestion.class, SubmissionReader.class, IngestMetrics.class })
@ImportAutoConfiguration(SecurityConfiguration.class)
@EnableConfigurationProperties({ IngestProperties.class, TopicsProperties.class })
public class IngestSlice {

	/** The API key the tests' properties configure. */
	public static final String API_KEY = "test-api-key-0123456789";

	@Bean
	RecordingPublisher recordingPublisher() {
		return new RecordingPublisher();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
