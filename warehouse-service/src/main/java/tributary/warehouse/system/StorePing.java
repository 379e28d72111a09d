package tributary.warehouse.system;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * UP when the store answers {@code ping}, which MongoDB and the embedded store both
 * understand.
 */
class StorePing extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	StorePing(MongoTemplate mongo) {
		super("The store did not answer ping");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document answer = this.mongo.getDb().runCommand(new Document("ping", 1));
		Object ok = answer.get("ok");
		if (ok instanceof Number number && number.doubleValue() == 1.0) {
			builder.up().withDetail("database", this.mongo.getDb().getName());
		}
		else {
			builder.down().withDetail("answer", answer.toJson());
		}
	}

}
