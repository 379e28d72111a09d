package tributary.suite.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static tributary.suite.deployment.Manifests.at;

/**
 * The Prometheus configuration and alert rules (checked by Debian's {@code promtool}) and
 * the provisioned Grafana datasource and dashboard.
 */
class MonitoringConfigurationTests {

	@Test
	void promtoolAcceptsTheConfigurationAndTheRules() {
		String config = Tool.PROMTOOL.run(Repository.root(), "check", "config", "deploy/prometheus/prometheus.yml")
			.assertSuccess()
			.output();
		assertThat(config).contains("SUCCESS");
		String rules = Tool.PROMTOOL.run(Repository.root(), "check", "rules", MetricQueries.ALERTS)
			.assertSuccess()
			.output();
		assertThat(rules).contains("SUCCESS: " + MetricQueries.alerts().size() + " rules found");
	}

	@Test
	@SuppressWarnings("unchecked")
	void scrapesEachServiceOnItsPortAndMetricsPath() throws IOException {
		Map<String, Object> config = new Yaml()
			.load(Files.readString(Repository.path("deploy/prometheus/prometheus.yml")));
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
		for (String service : ServiceConfiguration.SERVICES) {
			Map<String, Object> job = jobs.stream()
				.filter((candidate) -> service.equals(candidate.get("job_name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no scrape job " + service));
			assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
			List<String> targets = (List<String>) Manifests.list(job, "static_configs").get(0).get("targets");
			assertThat(targets).containsExactly(service + ":" + ServiceConfiguration.of(service).defaultPort());
		}
		assertThat((List<String>) config.get("rule_files")).containsExactly("alerts.yml");
	}

	@Test
	void alertRulesCoverAvailabilityPublishingDeadLettersDroppedRecordsLagAndLatency() {
		assertThat(MetricQueries.alerts()).containsKeys("TributaryServiceDown", "TributaryIngestPublishFailing",
				"TributarySentimentDeadLettering", "TributaryWarehouseDeadLettering", "TributaryAlertsDeadLettering",
				"TributaryAlertsRecordsDropped", "TributaryConsumerLagHigh", "TributaryEndToEndLatencyHigh");
		assertThat(MetricQueries.alerts().get("TributaryServiceDown")).contains("ingest-service", "sentiment-service",
				"warehouse-service", "alerts-service");
	}

	@Test
	@SuppressWarnings("unchecked")
	void grafanaLoadsTheDashboardFromTheProvisionedFolderAndDatasource() throws IOException {
		Map<String, Object> datasources = new Yaml()
			.load(Files.readString(Repository.path("deploy/grafana/provisioning/datasources/prometheus.yml")));
		Map<String, Object> datasource = Manifests.list(datasources, "datasources").get(0);
		assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");

		Map<String, Object> providers = new Yaml()
			.load(Files.readString(Repository.path("deploy/grafana/provisioning/dashboards/tributary.yml")));
		// docker-compose.yml mounts deploy/grafana/dashboards there.
		assertThat((String) at(Manifests.list(providers, "providers").get(0), "options", "path"))
			.isEqualTo("/etc/grafana/dashboards");

		String json = Files.readString(Repository.path(MetricQueries.DASHBOARD));
		assertThat((String) JsonPath.read(json, "$.title")).isEqualTo("Tributary");
		List<Object> datasourceUids = JsonPath.read(json, "$..datasource.uid");
		assertThat(datasourceUids).isNotEmpty().allSatisfy((uid) -> assertThat(uid).isEqualTo(datasource.get("uid")));
		List<Map<String, Object>> panels = JsonPath.read(json, "$.panels[?(@.type != 'row')]");
		assertThat(panels)
			.allSatisfy((panel) -> assertThat((List<Object>) panel.get("targets")).as(panel.get("title").toString())
				.isNotEmpty());
	}

	@Test
	void dashboardShowsWhatOperatorsAskFor() {
		Set<String> metrics = new TreeSet<>();
		MetricQueries.dashboard().forEach((expression) -> metrics.addAll(MetricQueries.metricNames(expression)));
		assertThat(metrics)
			.as("ingest rate and errors, label mix, warehouse throughput, end-to-end latency, "
					+ "consumer lag, JVM memory and GC, HTTP latency")
			.contains("tributary_ingest_events_total", "tributary_sentiment_scored_total",
					"tributary_warehouse_events_total", "tributary_warehouse_end_to_end_seconds_bucket",
					"kafka_consumer_fetch_manager_records_lag", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum",
					"http_server_requests_seconds_bucket");
	}

	@Test
	void readsMetricNamesAndLabelValuesOutOfPromQl() {
		String expression = "sum by (topic, outcome) (rate(tributary_ingest_events_total{outcome=\"failed\", "
				+ "uri!~\"/actuator.*\"}[$__rate_interval])) / on (topic) group_left sum(up{job=~\"a|b\"}) > 0.5e1";
		assertThat(MetricQueries.metricNames(expression)).containsExactly("tributary_ingest_events_total", "up");
		assertThat(MetricQueries.labelMatches(expression)).extracting(Object::toString)
			.containsExactly("tributary_ingest_events_total{outcome=\"failed\"}");
	}

}
