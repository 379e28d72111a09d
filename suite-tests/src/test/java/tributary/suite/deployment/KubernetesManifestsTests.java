package tributary.suite.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static tributary.suite.deployment.Manifests.at;
import static tributary.suite.deployment.Manifests.list;
import static tributary.suite.deployment.Manifests.name;

/**
 * What {@code kubectl kustomize k8s/overlays/<overlay>} renders, checked against the
 * services it deploys and against what the issue asks of a production deployment.
 */
class KubernetesManifestsTests {

	static final List<String> overlays = Manifests.OVERLAYS;

	private static final String NAMESPACE = "tributary";

	private static final List<String> TOPICS = List.of("social_media", "weather_data", "customer_feedback",
			"customer_sentiment");

	/** {@link #TOPICS} and the alerts the alerts-service writes. */
	private static final List<String> EVERY_TOPIC = List.of("social_media", "weather_data", "customer_feedback",
			"customer_sentiment", "weather_alerts");

	private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

	private static final Set<String> POD_KINDS = Set.of("Deployment", "StatefulSet", "Job");

	/**
	 * The Kafka release the tests run against: its clients' version, the broker's too.
	 */
	private static final String KAFKA_VERSION = AppInfoParser.getVersion();

	/** Variables the java launcher reads rather than the service. */
	private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS");

	/**
	 * The most memory a service was measured to use besides its heap, under load
	 * (docs/deployment.md, Memory), with a margin.
	 */
	private static final long NON_HEAP_ROOM_MIB = 300;

	private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");

	/** The variable that sets how many consumers a pod of each consuming service runs. */
	private static final Map<String, String> CONCURRENCY = Map.of("sentiment-service",
			"TRIBUTARY_SENTIMENT_STREAM_CONCURRENCY", "warehouse-service", "TRIBUTARY_WAREHOUSE_CONCURRENCY");

	@ParameterizedTest
	@FieldSource("overlays")
	void rendersEveryResourceIntoTheTributaryNamespace(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		assertThat(manifests.get("Namespace", NAMESPACE)).isNotNull();
		for (Map<String, Object> document : manifests.all()) {
			if (!"Namespace".equals(document.get("kind"))) {
				assertThat((String) at(document, "metadata", "namespace"))
					.as(document.get("kind") + " " + name(document))
					.isEqualTo(NAMESPACE);
			}
		}
		for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "ServiceMonitor")) {
			for (String service : ServiceConfiguration.SERVICES) {
				assertThat(manifests.get(kind, service)).isNotNull();
			}
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void runsTheFourServiceImagesOnTheirConfiguredPorts(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		assertThat(manifests.ofKind("Deployment")).extracting(Manifests::name)
			.containsExactlyInAnyOrderElementsOf(ServiceConfiguration.SERVICES);
		for (String service : ServiceConfiguration.SERVICES) {
			int port = ServiceConfiguration.of(service).defaultPort();
			Map<String, Object> deployment = manifests.get("Deployment", service);
			List<Map<String, Object>> containers = list(deployment, "spec", "template", "spec", "containers");
			assertThat(containers).hasSize(1);
			Map<String, Object> container = containers.get(0);
			assertThat((String) container.get("image")).as("image of " + service)
				.matches(".*(^|/)" + service + "(:[\\w.-]+)?");
			Map<String, Object> containerPort = list(container, "ports").get(0);
			assertThat(containerPort).containsEntry("containerPort", port);
			assertThat(environment(manifests, container)).as(service + " listens on PORT")
				.containsEntry("PORT", Integer.toString(port));

			Map<String, Object> servicePort = list(manifests.get("Service", service), "spec", "ports").get(0);
			assertThat(servicePort).containsEntry("port", port);
			Object targetPort = servicePort.get("targetPort");
			assertThat(targetPort).as("Service " + service + " targets the container port")
				.isIn(port, containerPort.get("name"));
			assertThat((Map<String, Object>) at(manifests.get("Service", service), "spec", "selector"))
				.isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void probesUseTheServicesLivenessAndReadinessEndpoints(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (String service : ServiceConfiguration.SERVICES) {
			Map<String, Object> container = list(manifests.get("Deployment", service), "spec", "template", "spec",
					"containers")
				.get(0);
			assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/livez");
			assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
			assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo("/livez");
			for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
				assertThat((Object) at(container, probe, "httpGet", "port")).isEqualTo("http");
			}
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyContainerHasRequestsLimitsAndARestrictedSecurityContext(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Map<String, Object> workload : workloads(manifests)) {
			String workloadName = workload.get("kind") + " " + name(workload);
			Map<String, Object> pod = at(workload, "spec", "template", "spec");
			assertThat((Object) at(pod, "securityContext", "runAsNonRoot")).as(workloadName).isEqualTo(true);
			assertThat((Object) at(pod, "securityContext", "runAsUser")).as(workloadName).isNotEqualTo(0).isNotNull();
			assertThat((Object) at(pod, "securityContext", "seccompProfile", "type")).as(workloadName)
				.isEqualTo("RuntimeDefault");
			assertThat((Object) pod.get("automountServiceAccountToken")).as(workloadName).isEqualTo(false);
			List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
			containers.addAll(list(pod, "initContainers"));
			for (Map<String, Object> container : containers) {
				String what = workloadName + " container " + container.get("name");
				for (String bound : List.of("requests", "limits")) {
					for (String resource : List.of("cpu", "memory")) {
						assertThat((Object) at(container, "resources", bound, resource))
							.as(what + " " + bound + "." + resource)
							.isNotNull();
					}
				}
				Map<String, Object> security = at(container, "securityContext");
				assertThat(security).as(what)
					.containsEntry("allowPrivilegeEscalation", false)
					.containsEntry("readOnlyRootFilesystem", true)
					.containsEntry("runAsNonRoot", true);
				assertThat((List<String>) at(security, "capabilities", "drop")).as(what).containsExactly("ALL");
			}
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyVariableSetOnAServiceConfiguresIt(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (String service : ServiceConfiguration.SERVICES) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			Map<String, Object> container = list(manifests.get("Deployment", service), "spec", "template", "spec",
					"containers")
				.get(0);
			Map<String, String> environment = environment(manifests, container);
			assertThat(environment).containsKeys("PORT", "KAFKA_BOOTSTRAP_SERVERS", "TRIBUTARY_SECURITY_API_KEYS");
			assertThat(environment.keySet()).filteredOn((variable) -> !JVM_VARIABLES.contains(variable))
				.allSatisfy((variable) -> assertThat(configuration.reads(variable)).as("%s reads %s", service, variable)
					.isTrue());
		}
		assertThat(environment(manifests,
				list(manifests.get("Deployment", "warehouse-service"), "spec", "template", "spec", "containers")
					.get(0)))
			.containsKey("MONGODB_URI")
			.as("the warehouse's writes count once a majority of the replica set has them in its journal")
			.containsEntry("TRIBUTARY_WAREHOUSE_STORE_WRITE_CONCERN_W", "majority")
			.containsEntry("TRIBUTARY_WAREHOUSE_STORE_WRITE_CONCERN_JOURNAL", "true");
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyServiceJvmHasRoomBesideItsHeapWithinItsMemoryLimit(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (String service : ServiceConfiguration.SERVICES) {
			Map<String, Object> container = list(manifests.get("Deployment", service), "spec", "template", "spec",
					"containers")
				.get(0);
			String limit = String.valueOf((Object) at(container, "resources", "limits", "memory"));
			assertThat((Object) at(container, "resources", "requests", "memory")).as("%s memory request", service)
				.hasToString(limit);
			Matcher percentage = MAX_RAM_PERCENTAGE
				.matcher(environment(manifests, container).getOrDefault("JDK_JAVA_OPTIONS", ""));
			assertThat(percentage.find()).as("%s sets its heap as a share of its limit", service).isTrue();
			long limitMib = mebibytes(limit);
			long heapMib = limitMib * Integer.parseInt(percentage.group(1)) / 100;
			assertThat(limitMib - heapMib).as("%s: MiB beside a heap of %d MiB in %s", service, heapMib, limit)
				.isGreaterThanOrEqualTo(NON_HEAP_ROOM_MIB);
		}
	}

	private static long mebibytes(String quantity) {
		Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
		assertThat(matcher.matches()).as("memory quantity %s in Mi or Gi", quantity).isTrue();
		return Long.parseLong(matcher.group(1)) * ("Gi".equals(matcher.group(2)) ? 1024 : 1);
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyWorkloadHasADisruptionBudgetAndEveryServiceAServiceMonitor(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Map<String, Object> workload : workloads(manifests)) {
			if ("Job".equals(workload.get("kind"))) {
				continue;
			}
			Map<String, Object> labels = at(workload, "spec", "template", "metadata", "labels");
			assertThat(manifests.ofKind("PodDisruptionBudget")).as("a PodDisruptionBudget for " + name(workload))
				.anySatisfy((budget) -> assertThat(labels)
					.containsAllEntriesOf(at(budget, "spec", "selector", "matchLabels")));
		}
		for (String service : ServiceConfiguration.SERVICES) {
			Map<String, Object> monitor = manifests.get("ServiceMonitor", service);
			Map<String, Object> serviceLabels = at(manifests.get("Service", service), "metadata", "labels");
			assertThat(serviceLabels).containsAllEntriesOf(at(monitor, "spec", "selector", "matchLabels"));
			Map<String, Object> endpoint = list(monitor, "spec", "endpoints").get(0);
			assertThat(endpoint).containsEntry("path", "/actuator/prometheus");
			assertThat(list(manifests.get("Service", service), "spec", "ports")).extracting((port) -> port.get("name"))
				.contains(endpoint.get("port"));
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void kafkaRunsInKraftModeWithEveryTopicAndItsDeadLetterTopic(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		int brokers = "prod".equals(overlay) ? 3 : 1;
		Map<String, Object> kafka = manifests.get("Kafka", "tributary");
		assertThat((Map<String, Object>) at(kafka, "metadata", "annotations"))
			.containsEntry("strimzi.io/node-pools", "enabled")
			.containsEntry("strimzi.io/kraft", "enabled");
		assertThat(manifests.all())
			.filteredOn((document) -> String.valueOf(document.get("apiVersion")).startsWith("kafka.strimzi.io/"))
			.as("Strimzi 1.0 and later serve only kafka.strimzi.io/v1")
			.isNotEmpty()
			.allSatisfy((document) -> assertThat(document).containsEntry("apiVersion", "kafka.strimzi.io/v1"));
		assertThat((Object) at(kafka, "spec", "kafka", "version"))
			.as("Kafka pinned to the release the tests run, so that an operator upgrade does not change it")
			.isEqualTo(KAFKA_VERSION);
		assertThat((Object) at(kafka, "spec", "kafka", "metricsConfig", "valueFrom", "configMapKeyRef", "name"))
			.isEqualTo("kafka-metrics");
		assertThat((Map<String, Object>) at(manifests.get("ConfigMap", "kafka-metrics"), "data"))
			.containsKey("kafka-metrics-config.yml");
		assertThat((Object) at(kafka, "spec", "kafkaExporter", "groupRegex")).isEqualTo(".*");
		assertThat(list(manifests.get("PodMonitor", "kafka"), "spec", "podMetricsEndpoints"))
			.extracting((endpoint) -> endpoint.get("port"))
			.containsExactly("tcp-prometheus");
		Map<String, Object> pool = manifests.ofKind("KafkaNodePool").get(0);
		if ("prod".equals(overlay)) {
			List<Map<String, Object>> required = list(pool, "spec", "template", "pod", "affinity", "podAntiAffinity",
					"requiredDuringSchedulingIgnoredDuringExecution");
			assertThat(required).as("one Kafka node per machine, so one machine cannot take the quorum's majority")
				.singleElement()
				.satisfies((term) -> {
					assertThat(term).containsEntry("topologyKey", "kubernetes.io/hostname");
					assertThat((Map<String, Object>) at(term, "labelSelector", "matchLabels"))
						.containsEntry("strimzi.io/pool-name", name(pool));
				});
		}
		assertThat(manifests.ofKind("KafkaNodePool")).hasSize(1);
		assertThat((Object) at(pool, "spec", "replicas")).isEqualTo(brokers);
		assertThat((List<String>) at(pool, "spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
		assertThat((Object) at(pool, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("tributary");
		Map<String, Object> config = at(kafka, "spec", "kafka", "config");
		for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
				"transaction.state.log.replication.factor")) {
			assertThat(config).containsEntry(key, brokers);
		}
		assertThat((Integer) config.get("min.insync.replicas")).isEqualTo(Math.max(1, brokers - 1));

		int partitions = 6;
		Map<String, Map<String, Object>> topics = new HashMap<>();
		manifests.ofKind("KafkaTopic").forEach((topic) -> topics.put(at(topic, "spec", "topicName"), topic));
		List<String> expected = new ArrayList<>(EVERY_TOPIC);
		EVERY_TOPIC.forEach((topic) -> expected.add(topic + "_dlt"));
		assertThat(topics).containsOnlyKeys(expected);
		topics.forEach((name, topic) -> {
			assertThat((Object) at(topic, "metadata", "labels", "strimzi.io/cluster")).as(name).isEqualTo("tributary");
			assertThat((Object) at(topic, "spec", "partitions")).as(name).isEqualTo(partitions);
			assertThat((Object) at(topic, "spec", "replicas")).as(name).isEqualTo(brokers);
			assertThat(((Number) at(topic, "spec", "config", "retention.ms")).longValue()).as(name)
				.isEqualTo(SEVEN_DAYS_MS);
			assertThat((Object) at(topic, "spec", "config", "min.insync.replicas")).as(name)
				.isEqualTo(Math.max(1, brokers - 1));
		});
		for (String service : ServiceConfiguration.SERVICES) {
			Map<String, String> environment = environment(manifests,
					list(manifests.get("Deployment", service), "spec", "template", "spec", "containers").get(0));
			assertThat(environment).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "tributary-kafka-bootstrap:9092")
				.containsEntry("TRIBUTARY_TOPICS_PROVISION", "false");
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void mongoDbIsAReplicaSetBehindAHeadlessService(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		int members = "prod".equals(overlay) ? 3 : 1;
		Map<String, Object> statefulSet = manifests.get("StatefulSet", "mongodb");
		Map<String, Object> service = manifests.get("Service", "mongodb");
		assertThat((Object) at(service, "spec", "clusterIP")).isEqualTo("None");
		assertThat((Object) at(statefulSet, "spec", "serviceName")).isEqualTo("mongodb");
		assertThat((Object) at(statefulSet, "spec", "replicas")).isEqualTo(members);
		Map<String, Object> mongod = list(statefulSet, "spec", "template", "spec", "containers").get(0);
		assertThat((String) mongod.get("image")).as("the MongoDB release docker-compose.yml pins")
			.isEqualTo("mongo:8.0.20");
		assertThat(list(statefulSet, "spec", "template", "spec", "containers"))
			.extracting((container) -> container.get("image"))
			.containsOnly("mongo:8.0.20");
		assertThat((List<String>) mongod.get("args")).contains("--replSet=rs0");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat((List<String>) at(mongod, probe, "exec", "command")).as("mongod's %s starts no mongosh", probe)
				.containsExactly("bash", "/scripts/ping.sh");
		}
		// The replica set is joined by a container beside each member,
		// not by a Job, whose immutable pod template would refuse the
		// next apply after a Secret changes.
		assertThat(manifests.ofKind("Job")).isEmpty();
		Map<String, Object> init = list(statefulSet, "spec", "template", "spec", "containers").get(1);
		assertThat(init).containsEntry("name", "replica-set");
		assertThat(list(init, "env"))
			.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "MONGODB_REPLICAS")
				.containsEntry("value", Integer.toString(members)));
		if ("prod".equals(overlay)) {
			assertThat(list(statefulSet, "spec", "template", "spec", "topologySpreadConstraints"))
				.as("one member per machine, so one machine cannot take the majority down")
				.anySatisfy(
						(constraint) -> assertThat(constraint).containsEntry("topologyKey", "kubernetes.io/hostname")
							.containsEntry("whenUnsatisfiable", "DoNotSchedule"));
		}
		// The warehouse's connection string lists every member (the example secrets show
		// the shape); the write concern is the warehouse's own setting, not the URI's.
		String uri = secretValue(manifests, "mongodb-credentials", "MONGODB_URI");
		for (int member = 0; member < members; member++) {
			assertThat(uri).contains("mongodb-" + member + ".mongodb:27017");
		}
		assertThat(uri).doesNotContain("mongodb-" + members + ".").contains("replicaSet=rs0");
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void scalesIngestOnCpuAndTheConsumersOnLagUpToThePartitionCount(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		Map<String, Object> autoscaler = manifests.get("HorizontalPodAutoscaler", "ingest-service");
		assertThat((Object) at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo("ingest-service");
		assertThat((Object) at(list(autoscaler, "spec", "metrics").get(0), "resource", "name")).isEqualTo("cpu");
		assertThat((Object) at(manifests.get("Deployment", "ingest-service"), "spec", "replicas"))
			.as("the autoscaler owns the replica count")
			.isNull();

		Map<String, Integer> partitions = new HashMap<>();
		manifests.ofKind("KafkaTopic")
			.forEach((topic) -> partitions.put(at(topic, "spec", "topicName"), at(topic, "spec", "partitions")));
		Map<String, Set<String>> expected = Map.of("sentiment-service", Set.of("social_media"), "warehouse-service",
				Set.copyOf(TOPICS));
		expected.forEach((service, topics) -> {
			Map<String, Object> scaledObject = manifests.get("ScaledObject", service);
			assertThat((Object) at(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo(service);
			assertThat((Object) at(manifests.get("Deployment", service), "spec", "replicas")).isNull();
			Set<String> triggered = new TreeSet<>();
			for (Map<String, Object> trigger : list(scaledObject, "spec", "triggers")) {
				assertThat(trigger).containsEntry("type", "kafka");
				Map<String, Object> metadata = at(trigger, "metadata");
				assertThat(metadata).containsEntry("consumerGroup", service.replace("-service", ""))
					.containsEntry("bootstrapServers", "tributary-kafka-bootstrap." + NAMESPACE + ".svc:9092");
				triggered.add((String) metadata.get("topic"));
			}
			assertThat(triggered).isEqualTo(new TreeSet<>(topics));
			// A partition feeds one consumer of a group: replicas times consumers per pod
			// beyond the partition count would idle.
			int consumersPerPod = Integer.parseInt(environment(manifests,
					list(manifests.get("Deployment", service), "spec", "template", "spec", "containers").get(0))
				.get(CONCURRENCY.get(service)));
			int cap = topics.stream().mapToInt(partitions::get).max().orElseThrow() / consumersPerPod;
			assertThat((Object) at(scaledObject, "spec", "maxReplicaCount"))
				.as(service + " is capped at the partitions over the consumers each pod runs")
				.isEqualTo(cap);
		});
		assertThat(environment(manifests,
				list(manifests.get("Deployment", "warehouse-service"), "spec", "template", "spec", "containers")
					.get(0)))
			.as("the warehouse's four topics spread over its pods, not each topic's first partitions to the same pods")
			.containsEntry("SPRING_KAFKA_CONSUMER_PROPERTIES_PARTITION_ASSIGNMENT_STRATEGY",
					"org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void onlyIngestAndWarehouseAreReachableFromOutsideAndMongoDbOnlyFromTheWarehouse(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy");
		assertThat(policies).anySatisfy((policy) -> {
			assertThat((Map<String, Object>) at(policy, "spec", "podSelector")).isEmpty();
			assertThat((List<String>) at(policy, "spec", "policyTypes")).contains("Ingress");
			assertThat(list(policy, "spec", "ingress")).isEmpty();
		});
		Map<String, String> reachableFromOutside = new HashMap<>();
		for (Map<String, Object> workload : workloads(manifests)) {
			Map<String, Object> labels = at(workload, "spec", "template", "metadata", "labels");
			for (Map<String, Object> policy : policies) {
				Map<String, Object> selector = at(policy, "spec", "podSelector", "matchLabels");
				if (selector == null || !labels.entrySet().containsAll(selector.entrySet())) {
					continue;
				}
				for (Map<String, Object> rule : list(policy, "spec", "ingress")) {
					List<Map<String, Object>> peers = list(rule, "from");
					boolean external = peers.isEmpty() || peers.stream()
						.anyMatch((peer) -> peer.containsKey("ipBlock") || (peer.containsKey("namespaceSelector")
								&& !isMonitoringNamespace(at(peer, "namespaceSelector"))));
					if (external) {
						reachableFromOutside.put(name(workload), name(policy));
					}
				}
			}
		}
		assertThat(reachableFromOutside).containsOnlyKeys("ingest-service", "warehouse-service");

		Map<String, Object> mongoPolicy = manifests.get("NetworkPolicy", "mongodb");
		Set<Object> clients = new TreeSet<>();
		for (Map<String, Object> rule : list(mongoPolicy, "spec", "ingress")) {
			for (Map<String, Object> peer : list(rule, "from")) {
				assertThat(peer).containsOnlyKeys("podSelector");
				clients.add(at(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"));
			}
		}
		assertThat(clients).as("pods that may connect to MongoDB")
			.containsExactlyInAnyOrder("warehouse-service", "mongodb");
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void secretsComeFromTheGeneratorAndEveryReferenceResolves(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Map<String, Object> workload : workloads(manifests)) {
			Map<String, Object> pod = at(workload, "spec", "template", "spec");
			List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
			containers.addAll(list(pod, "initContainers"));
			for (Map<String, Object> container : containers) {
				for (Map<String, Object> variable : list(container, "env")) {
					Map<String, Object> reference = at(variable, "valueFrom", "secretKeyRef");
					if (reference != null) {
						Map<String, Object> secret = manifests.get("Secret", (String) reference.get("name"));
						assertThat((Map<String, Object>) secret.get("data"))
							.as(name(workload) + " " + variable.get("name"))
							.containsKey((String) reference.get("key"));
					}
				}
			}
			for (Map<String, Object> volume : list(pod, "volumes")) {
				String secretName = at(volume, "secret", "secretName");
				if (secretName != null) {
					assertThat(manifests.get("Secret", secretName)).isNotNull();
				}
			}
		}
		assertThat(manifests.ofKind("Secret")).extracting(Manifests::name)
			.allSatisfy((secret) -> assertThat(secret).as("generated, so a new value rolls the pods")
				.matches("(tributary-secrets|mongodb-credentials|mongodb-keyfile)-[a-z0-9]{10}"));
		assertThat(secretNames(manifests.get("StatefulSet", "mongodb")))
			.as("MongoDB uses its own Secrets only, so that rotating an API key does not restart it")
			.isNotEmpty()
			.allSatisfy((secret) -> assertThat(secret).startsWith("mongodb-"));
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void thePrometheusRuleHoldsTheAlertsComposeGets(String overlay) throws IOException {
		Map<String, Object> alerts = new Yaml().load(Files.readString(Repository.path("deploy/prometheus/alerts.yml")));
		Map<String, Object> rule = Manifests.render(overlay).get("PrometheusRule", "tributary");
		assertThat((Object) at(rule, "spec", "groups"))
			.as("k8s/base/monitoring/prometheus-rule.yaml has the groups of deploy/prometheus/alerts.yml")
			.isEqualTo(alerts.get("groups"));
	}

	private static Set<String> secretNames(Map<String, Object> workload) {
		Set<String> names = new TreeSet<>();
		Map<String, Object> pod = at(workload, "spec", "template", "spec");
		List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
		containers.addAll(list(pod, "initContainers"));
		for (Map<String, Object> container : containers) {
			for (Map<String, Object> variable : list(container, "env")) {
				String name = at(variable, "valueFrom", "secretKeyRef", "name");
				if (name != null) {
					names.add(name);
				}
			}
		}
		for (Map<String, Object> volume : list(pod, "volumes")) {
			String name = at(volume, "secret", "secretName");
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

	private static boolean isMonitoringNamespace(Map<String, Object> namespaceSelector) {
		return Map.of("kubernetes.io/metadata.name", "monitoring").equals(namespaceSelector.get("matchLabels"));
	}

	private static List<Map<String, Object>> workloads(Manifests manifests) {
		return manifests.all().stream().filter((document) -> POD_KINDS.contains(document.get("kind"))).toList();
	}

	private static String secretValue(Manifests manifests, String generatorName, String key) {
		Map<String, Object> secret = manifests.ofKind("Secret")
			.stream()
			.filter((candidate) -> name(candidate).startsWith(generatorName + "-"))
			.findFirst()
			.orElseThrow();
		String encoded = at(secret, "data", key);
		return new String(java.util.Base64.getMimeDecoder().decode(Objects.requireNonNull(encoded)));
	}

	/**
	 * The environment a container gets: its {@code env} entries (a reference stands for
	 * its value's source) and every key of the ConfigMaps and Secrets it takes whole.
	 */
	static Map<String, String> environment(Manifests manifests, Map<String, Object> container) {
		Map<String, String> environment = new HashMap<>();
		for (Map<String, Object> source : list(container, "envFrom")) {
			String configMap = at(source, "configMapRef", "name");
			String secret = at(source, "secretRef", "name");
			Map<String, Object> data = (configMap != null) ? at(manifests.get("ConfigMap", configMap), "data")
					: at(manifests.get("Secret", Objects.requireNonNull(secret)), "data");
			data.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		}
		for (Map<String, Object> variable : list(container, "env")) {
			Object value = variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom");
			environment.put((String) variable.get("name"), String.valueOf(value));
		}
		return environment;
	}

}
