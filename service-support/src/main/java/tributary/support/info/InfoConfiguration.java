package tributary.support.info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;

/** Gives every service with Actuator the same {@code /actuator/info}. */
@AutoConfiguration(after = ProjectInfoAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
public class InfoConfiguration {

	@Bean
	VersionInfoContributor versionInfoContributor(ObjectProvider<BuildProperties> build,
			ObjectProvider<GitProperties> git) {
		return new VersionInfoContributor(build.getIfUnique(), git.getIfUnique());
	}

}
