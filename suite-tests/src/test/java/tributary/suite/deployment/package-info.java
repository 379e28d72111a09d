/**
 * Checks of the deployment files (images, docker-compose, Prometheus, Grafana,
 * Kubernetes) against the tools that consume them and against the services they describe.
 */
@NullMarked
package tributary.suite.deployment;

import org.jspecify.annotations.NullMarked;
