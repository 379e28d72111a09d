package tributary.suite.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What a packaged service can be configured with: every property its executable jar
 * declares (the configuration metadata of the service and of each library inside it) and
 * every placeholder of its {@code application.yml}.
 *
 * <p>
 * Reading the jar rather than the sources means the check sees what ships.
 */
final class ServiceConfiguration {

	/** The four services, by module name. */
	static final List<String> SERVICES = List.of("ingest-service", "sentiment-service", "warehouse-service",
			"alerts-service");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");

	private static final Map<String, ServiceConfiguration> cache = new ConcurrentHashMap<>();

	private final String service;

	private final Set<String> properties;

	private final Set<String> mapProperties;

	private final Set<String> placeholders;

	private final Map<String, Object> applicationYaml;

	private ServiceConfiguration(String service, Set<String> properties, Set<String> mapProperties,
			Set<String> placeholders, Map<String, Object> applicationYaml) {
		this.service = service;
		this.properties = properties;
		this.mapProperties = mapProperties;
		this.placeholders = placeholders;
		this.applicationYaml = applicationYaml;
	}

	/**
	 * The configuration of a service, read from its packaged jar once per test JVM.
	 * @param service one of {@link #SERVICES}
	 * @return what it can be configured with
	 */
	static ServiceConfiguration of(String service) {
		return cache.computeIfAbsent(service, ServiceConfiguration::read);
	}

	/**
	 * The executable jar the service's module built.
	 * @param service one of {@link #SERVICES}
	 * @return its path
	 */
	static Path jar(String service) {
		Path target = Repository.path(service + "/target");
		List<Path> jars = new ArrayList<>();
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(target, service + "-*.jar")) {
				stream.forEach((jar) -> {
					String name = jar.getFileName().toString();
					if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")) {
						jars.add(jar);
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (jars.size() != 1) {
			throw new AssertionError("Expected one executable jar of " + service + " in " + target + " but found "
					+ jars + ": build the services first (./mvnw -B verify builds them before suite-tests)");
		}
		return jars.get(0);
	}

	private static ServiceConfiguration read(String service) {
		Set<String> properties = new TreeSet<>();
		Set<String> mapProperties = new TreeSet<>();
		String applicationYaml = null;
		try (ZipFile jar = new ZipFile(jar(service).toFile())) {
			for (ZipEntry entry : jar.stream().toList()) {
				// The repackaged jar keeps the application's META-INF at its root (older
				// layouts: under BOOT-INF/classes).
				if (entry.getName().equals(METADATA) || entry.getName().equals("BOOT-INF/classes/" + METADATA)) {
					try (InputStream in = jar.getInputStream(entry)) {
						addMetadata(in.readAllBytes(), properties, mapProperties);
					}
				}
				else if (entry.getName().equals("BOOT-INF/classes/application.yml")) {
					try (InputStream in = jar.getInputStream(entry)) {
						applicationYaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					}
				}
				else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
					try (InputStream in = jar.getInputStream(entry)) {
						byte[] metadata = nestedEntry(in, METADATA);
						if (metadata != null) {
							addMetadata(metadata, properties, mapProperties);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (applicationYaml == null) {
			throw new AssertionError(service + "'s jar has no BOOT-INF/classes/application.yml");
		}
		Set<String> placeholders = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(applicationYaml);
		while (matcher.find()) {
			placeholders.add(matcher.group(1));
		}
		Map<String, Object> yaml = new Yaml().load(applicationYaml);
		return new ServiceConfiguration(service, properties, mapProperties, placeholders, yaml);
	}

	private static byte[] nestedEntry(InputStream jar, String name) throws IOException {
		ZipInputStream zip = new ZipInputStream(jar);
		for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
			if (entry.getName().equals(name)) {
				return zip.readAllBytes();
			}
		}
		return null;
	}

	private static void addMetadata(byte[] json, Set<String> properties, Set<String> mapProperties) {
		List<Map<String, Object>> declared = JsonPath.parse(new ByteArrayInputStream(json)).read("$.properties[*]");
		for (Map<String, Object> property : declared) {
			String name = (String) property.get("name");
			properties.add(name);
			Object type = property.get("type");
			if (type instanceof String typeName && (typeName.startsWith("java.util.Map")
					|| typeName.startsWith("java.util.List") || typeName.startsWith("java.util.Set"))) {
				mapProperties.add(name);
			}
		}
	}

	String service() {
		return this.service;
	}

	/** The names of every declared property, for messages and sanity checks. */
	Set<String> properties() {
		return this.properties;
	}

	/**
	 * The port the service listens on when {@code PORT} is not set: the default of the
	 * {@code server.port} placeholder in its {@code application.yml}.
	 * @return the port
	 */
	int defaultPort() {
		Object server = this.applicationYaml.get("server");
		Object port = (server instanceof Map<?, ?> map) ? map.get("port") : null;
		Matcher matcher = Pattern.compile("\\$\\{PORT:(\\d+)}").matcher(String.valueOf(port));
		if (!matcher.matches()) {
			throw new AssertionError(this.service + "'s server.port is " + port + ", not ${PORT:<default>}");
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Whether setting an environment variable configures the service: Spring Boot binds
	 * it to a declared property (relaxed binding, as at run time), or the service's
	 * {@code application.yml} reads it through a placeholder.
	 * @param variable an environment variable's name
	 * @return whether the service reads it
	 */
	boolean reads(String variable) {
		if (this.placeholders.contains(variable)) {
			return true;
		}
		// The source's name makes Spring apply the system-environment
		// mapping, as for the real environment.
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value"));
		ConfigurationPropertySource source = ConfigurationPropertySource.from(environment);
		Set<String> seen = new HashSet<>();
		for (String property : this.properties) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
			if (name.isEmpty() || !seen.add(name.toString())) {
				continue;
			}
			if (source.getConfigurationProperty(name) != null) {
				return true;
			}
			if (this.mapProperties.contains(property)
					&& source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
