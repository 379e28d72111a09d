package tributary.sentiment;

import org.junit.jupiter.api.Test;
import tributary.testsupport.OperationalEndpoints;
import tributary.testsupport.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class SentimentApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void exposesHealthProbesMetricsAndInfoButNothingElse() {
		OperationalEndpoints.at("http://localhost:" + this.port).assertStandard();
	}

}
