package tributary.suite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes documents an overlay renders to, as {@code kubectl kustomize} renders
 * them.
 *
 * <p>
 * The overlays generate their Secrets from files git ignores, so the check renders a copy
 * of {@code k8s/} in which each overlay's {@code *.env.example} files stand in for the
 * {@code *.env} files.
 */
final class Manifests {

	static final List<String> OVERLAYS = List.of("dev", "prod");

	private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

	private static final Map<String, Manifests> cache = new ConcurrentHashMap<>();

	private final String overlay;

	private final List<Map<String, Object>> documents;

	private Manifests(String overlay, List<Map<String, Object>> documents) {
		this.overlay = overlay;
		this.documents = documents;
	}

	/**
	 * The rendered documents of an overlay, rendered once per test JVM.
	 * @param overlay {@code dev} or {@code prod}
	 * @return the documents
	 */
	static Manifests render(String overlay) {
		return cache.computeIfAbsent(overlay, Manifests::renderNow);
	}

	@SuppressWarnings("unchecked")
	private static Manifests renderNow(String overlay) {
		assertKustomizeIsRecent();
		Path copy = Repository.scratchFolder("k8s-" + overlay + "-").resolve("k8s");
		copyTree(Repository.path("k8s"), copy);
		Path overlayFolder = copy.resolve("overlays").resolve(overlay);
		try (var files = Files.list(overlayFolder)) {
			for (Path example : files.filter((file) -> file.getFileName().toString().endsWith(".env.example"))
				.toList()) {
				String name = example.getFileName().toString();
				Files.copy(example, overlayFolder.resolve(name.substring(0, name.length() - ".example".length())),
						StandardCopyOption.REPLACE_EXISTING);
			}
			Files.writeString(overlayFolder.resolve("mongodb-keyfile"), "not-a-real-key-file-only-for-rendering\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String yaml = Tool.KUBECTL.run(copy, "kustomize", overlayFolder.toString()).assertSuccess().output();
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return new Manifests(overlay, List.copyOf(documents));
	}

	private static void assertKustomizeIsRecent() {
		String version = Tool.KUBECTL.run(Repository.root(), "version", "--client").assertSuccess().output();
		Matcher matcher = KUSTOMIZE_VERSION.matcher(version);
		if (!matcher.find() || Integer.parseInt(matcher.group(1)) < 5) {
			throw new AssertionError("The manifests need Kustomize 5 (kubectl 1.27 or newer), but kubectl reports:\n"
					+ version + "Install " + "the kubectl package from pkgs.k8s.io.");
		}
	}

	private static void copyTree(Path from, Path to) {
		try {
			Files.walkFileTree(from, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					Files.createDirectories(to.resolve(from.relativize(dir).toString()));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					String name = file.getFileName().toString();
					// Real secrets a developer generated stay where they are.
					if (!name.endsWith(".env") && !name.equals("mongodb-keyfile")) {
						Files.copy(file, to.resolve(from.relativize(file).toString()));
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String overlay() {
		return this.overlay;
	}

	List<Map<String, Object>> all() {
		return this.documents;
	}

	/**
	 * The documents of a kind.
	 * @param kind such as {@code Deployment}
	 * @return them, in rendering order
	 */
	List<Map<String, Object>> ofKind(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	/**
	 * The one document of a kind and name.
	 * @param kind such as {@code Service}
	 * @param name its {@code metadata.name}
	 * @return the document
	 */
	Map<String, Object> get(String kind, String name) {
		List<Map<String, Object>> matches = ofKind(kind).stream()
			.filter((document) -> name.equals(name(document)))
			.toList();
		if (matches.size() != 1) {
			throw new AssertionError("Expected one " + kind + " named " + name + " in overlay " + this.overlay
					+ " but found " + matches.size());
		}
		return matches.get(0);
	}

	static String name(Map<String, Object> document) {
		return Objects.toString(at(document, "metadata", "name"), "");
	}

	/**
	 * Walks nested maps.
	 * @param node where to start
	 * @param keys map keys to follow
	 * @return the value, or {@code null} when a key is missing
	 */
	@SuppressWarnings("unchecked")
	static <T> @Nullable T at(@Nullable Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

	/**
	 * A list under nested maps, empty when absent.
	 * @param node where to start
	 * @param keys map keys to follow
	 * @return the list's elements as maps
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(@Nullable Object node, String... keys) {
		Object value = at(node, keys);
		return (value instanceof List<?> values) ? (List<Map<String, Object>>) values : List.of();
	}

}
