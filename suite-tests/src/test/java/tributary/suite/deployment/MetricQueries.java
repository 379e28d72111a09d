package tributary.suite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL expressions of the Grafana dashboard and of the alert rules, and what they
 * read: metric names and the label values they select on.
 */
final class MetricQueries {

	static final String DASHBOARD = "deploy/grafana/dashboards/tributary.json";

	static final String ALERTS = "deploy/prometheus/alerts.yml";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");

	private static final Pattern EQUALITY_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan");

	private MetricQueries() {
	}

	/**
	 * Every expression of every panel of the Tributary dashboard.
	 * @return the expressions, Grafana's interval variables left in
	 */
	static List<String> dashboard() {
		try {
			String json = Files.readString(Repository.path(DASHBOARD));
			return JsonPath.parse(json).read("$..targets[*].expr");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every alert rule's expression, by alert name.
	 * @return the expressions
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> alerts() {
		try {
			Map<String, Object> rules = new Yaml().load(Files.readString(Repository.path(ALERTS)));
			Map<String, String> expressions = new java.util.LinkedHashMap<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					expressions.put((String) rule.get("alert"), ((String) rule.get("expr")).trim());
				}
			}
			return expressions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replaces Grafana's interval variables so that Prometheus can evaluate the
	 * expression.
	 * @param expression a dashboard expression
	 * @return plain PromQL
	 */
	static String forPrometheus(String expression) {
		return expression.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h");
	}

	/**
	 * The metric names an expression reads.
	 * @param expression PromQL
	 * @return the names, in order of appearance
	 */
	static Set<String> metricNames(String expression) {
		String text = forPrometheus(expression).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = IDENTIFIER.matcher(text);
		while (matcher.find()) {
			String token = matcher.group();
			boolean partOfNumber = matcher.start() > 0 && Character.isDigit(text.charAt(matcher.start() - 1));
			boolean function = text.substring(matcher.end()).stripLeading().startsWith("(");
			if (!partOfNumber && !function && !KEYWORDS.contains(token.toLowerCase())) {
				names.add(token);
			}
		}
		return names;
	}

	/**
	 * The label values an expression selects on with {@code label="value"}.
	 * @param expression PromQL
	 * @return one entry per matcher
	 */
	static List<LabelMatch> labelMatches(String expression) {
		List<LabelMatch> matches = new ArrayList<>();
		Matcher selector = SELECTOR.matcher(forPrometheus(expression));
		while (selector.find()) {
			Matcher matcher = EQUALITY_MATCHER.matcher(selector.group(2));
			// The pattern needs '=' right after the label and '"' right after that: !=
			// and =~ do not match.
			while (matcher.find()) {
				matches.add(new LabelMatch(selector.group(1), matcher.group(1), matcher.group(2)));
			}
		}
		return matches;
	}

	/**
	 * A {@code metric{label="value"}} selection.
	 *
	 * @param metric the metric name
	 * @param label the label name
	 * @param value the value it must have
	 */
	record LabelMatch(String metric, String label, String value) {

		@Override
		public String toString() {
			return this.metric + "{" + this.label + "=\"" + this.value + "\"}";
		}

	}

}
