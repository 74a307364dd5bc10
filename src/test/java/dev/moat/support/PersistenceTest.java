package dev.moat.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of what the database keeps, run on both databases: on H2 in the default Surefire run (which runs only
 * these) and on PostgreSQL with every other {@code @QuarkusTest} in the {@code postgresql} run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("persistence")
public @interface PersistenceTest {}
