package tributary.support.info;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

/**
 * Contributes {@code version} (the build's) and {@code commit} (its short git id), each
 * only when known, to {@code /actuator/info}. It stands in for Boot's build and git
 * contributors, which are switched off ({@code management.info.defaults.enabled: false})
 * because the endpoint needs no key and they also expose the build host, the committers'
 * e-mail addresses and messages.
 */
public class VersionInfoContributor implements InfoContributor {

	private final @Nullable String version;

	private final @Nullable String commit;

	/**
	 * Takes what the build recorded.
	 * @param build {@code META-INF/build-info.properties}, if the build wrote it
	 * @param git {@code git.properties}, if the build wrote it
	 */
	public VersionInfoContributor(@Nullable BuildProperties build, @Nullable GitProperties git) {
		this.version = (build != null) ? build.getVersion() : null;
		this.commit = (git != null) ? git.getShortCommitId() : null;
	}

	@Override
	public void contribute(Info.Builder builder) {
		if (this.version != null) {
			builder.withDetail("version", this.version);
		}
		if (this.commit != null) {
			builder.withDetail("commit", this.commit);
		}
	}

}
