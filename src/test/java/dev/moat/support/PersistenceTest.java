package dev.moat.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of what the database keeps. Runs on H2 in the default Surefire run and again on PostgreSQL in the
 * {@code postgresql} run, which skips it (saying why) when no PostgreSQL answers unless MOAT_REQUIRE_POSTGRES=true.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("persistence")
@ExtendWith(DatabaseAvailable.class)
public @interface PersistenceTest {}
