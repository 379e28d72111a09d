package tributary.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Picks the connection configurations for {@link WithInfrastructure}: containers or
 * local, Kafka always, MongoDB when the application has the MongoDB client.
 */
class InfrastructureSelector implements ImportSelector {

	private static final String MONGO_CONNECTION_DETAILS = "org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails";

	@Override
	public String[] selectImports(AnnotationMetadata metadata) {
		boolean containers = Infrastructure.source() == Infrastructure.Source.CONTAINERS;
		boolean mongo = ClassUtils.isPresent(MONGO_CONNECTION_DETAILS, getClass().getClassLoader());
		List<String> imports = new ArrayList<>();
		imports.add(containers ? ContainerConnections.Kafka.class.getName() : LocalConnections.Kafka.class.getName());
		if (mongo) {
			imports
				.add(containers ? ContainerConnections.Mongo.class.getName() : LocalConnections.Mongo.class.getName());
		}
		return imports.toArray(String[]::new);
	}

}
