package tributary.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Connects the Spring Boot test's application to Kafka, and to MongoDB where the
 * application uses it, from whichever {@link Infrastructure.Source} this JVM has.
 *
 * <p>
 * The same test class runs unchanged either way: with Docker the connections come from
 * {@code @ServiceConnection} containers, without it from the local stack.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(InfrastructureSelector.class)
public @interface WithInfrastructure {

}
