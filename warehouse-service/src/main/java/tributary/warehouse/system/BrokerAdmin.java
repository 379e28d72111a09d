package tributary.warehouse.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The warehouse's one admin client to the broker, kept until the warehouse stops and
 * shared by whatever asks the broker about topics and the group: the topic ids of the
 * intake, the consumer lag.
 *
 * <p>
 * Spring Kafka's {@code KafkaAdmin} creates a client for each call and closes it after: a
 * new connection to the broker, its configuration logged whole at INFO, its metrics
 * registered with JMX and removed again. The intake describes its topics at least every
 * ten seconds and the lag is measured every few, so the warehouse keeps one client
 * instead, with one connection and one network thread. It is created on first use, so a
 * broker that cannot be resolved yet fails a batch, which is retried, rather than the
 * start.
 */
@Component
public class BrokerAdmin implements DisposableBean {

	static final String CLIENT_ID = "warehouse-admin";

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, Object> config;

	private final Duration operationTimeout;

	private @Nullable Admin admin;

	private boolean closed;

	@Autowired
	public BrokerAdmin(KafkaAdmin kafkaAdmin) {
		this(kafkaAdmin.getConfigurationProperties(), CLIENT_ID, Duration.ofSeconds(kafkaAdmin.getOperationTimeout()));
	}

	/**
	 * A client of this configuration.
	 * @param config the admin client's configuration
	 * @param clientId the client's id
	 * @param operationTimeout how long an operation through it may take
	 */
	public BrokerAdmin(Map<String, Object> config, String clientId, Duration operationTimeout) {
		this.config = new HashMap<>(config);
		this.config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		this.operationTimeout = operationTimeout;
	}

	/**
	 * The client, created on first use.
	 * @return the warehouse's admin client
	 * @throws KafkaException once the warehouse is stopping: a failure of the broker's
	 * kind, so a batch that needed the broker is retried, never dead-lettered
	 */
	public synchronized Admin client() {
		if (this.closed) {
			throw new KafkaException("Not asking the broker: the warehouse is stopping");
		}
		if (this.admin == null) {
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	/** How long an operation through the client may take. */
	public Duration operationTimeout() {
		return this.operationTimeout;
	}

	/** Closes the client; asking for it after fails. */
	@Override
	public synchronized void destroy() {
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(CLOSE_TIMEOUT);
			this.admin = null;
		}
	}

}
