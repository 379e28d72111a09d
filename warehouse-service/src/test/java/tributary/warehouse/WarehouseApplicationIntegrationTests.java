package tributary.warehouse;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tributary.testsupport.OperationalEndpoints;
import tributary.testsupport.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class WarehouseApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void exposesHealthProbesMetricsAndInfoButNothingElse() {
		OperationalEndpoints.at("http://localhost:" + this.port).assertStandard();
	}

	@Test
	void servesTheDashboardAndItsChartLibraryWithoutAKeyButNotItsData() {
		OperationalEndpoints service = OperationalEndpoints.at("http://localhost:" + this.port);
		HttpResponse<String> root = service.get("/");
		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).contains("<title>Tributary · Overview</title>")
			.contains("webjars/uplot/dist/uPlot.iife.min.js");
		for (String page : new String[] { "/location.html", "/product.html", "/platforms.html",
				"/dashboard/dashboard.js", "/webjars/uplot/dist/uPlot.iife.min.js",
				"/webjars/uplot/dist/uPlot.min.css" }) {
			assertThat(service.get(page).statusCode()).as(page).isEqualTo(200);
		}
		assertThat(service.get("/api/v1/flow").statusCode()).isEqualTo(401);
	}

}
