package tributary.support.info;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InfoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProjectInfoAutoConfiguration.class, InfoConfiguration.class));

	@Test
	void exposesTheVersionAndTheShortCommitOnly() {
		this.contexts
			.withPropertyValues("spring.info.git.location=classpath:info/git.properties",
					"spring.info.build.location=classpath:info/build-info.properties")
			.run((context) -> {
				Map<String, Object> info = info(context);
				assertThat(info).containsOnly(Map.entry("version", "0.1.0-SNAPSHOT"), Map.entry("commit", "0f7ebab"));
				assertThat(info.toString()).doesNotContain("@example.com", "builder.internal", "Secret plans",
						"git.example.com");
			});
	}

	@Test
	void leavesOutWhatTheBuildDidNotRecord() {
		this.contexts
			.withPropertyValues("spring.info.git.location=classpath:info/none.properties",
					"spring.info.build.location=classpath:info/none.properties")
			.run((context) -> assertThat(info(context)).isEmpty());
	}

	private static Map<String, Object> info(AssertableApplicationContext context) {
		assertThat(context).hasSingleBean(VersionInfoContributor.class);
		Info.Builder builder = new Info.Builder();
		context.getBeansOfType(InfoContributor.class)
			.values()
			.forEach((contributor) -> contributor.contribute(builder));
		return builder.build().getDetails();
	}

}
