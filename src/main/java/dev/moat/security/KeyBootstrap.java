package dev.moat.security;

import dev.moat.config.MoatConfig;
import dev.moat.user.Owner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * The first start with no key makes an admin key for tenant default and writes it to data-dir/admin.key, readable by
 * the owner only; the log says where it is, never what it is. A start with keys off says so, loudly.
 */
@ApplicationScoped
public class KeyBootstrap {

    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    private final KeyService keys;
    private final AuthConfig auth;
    private final MoatConfig moat;

    public KeyBootstrap(KeyService keys, AuthConfig auth, MoatConfig moat) {
        this.keys = keys;
        this.auth = auth;
        this.moat = moat;
    }

    void onStart(@Observes StartupEvent event) {
        if (!auth.enabled()) {
            LOG.warn("moat.auth.enabled=false: the API and the dashboard are open to anyone who can reach this port,"
                    + " every caller acting as an admin of tenant default");
            return;
        }
        if (!auth.bootstrap() || keys.anyKey()) {
            return;
        }
        KeyService.NewKey admin = keys.create(Owner.DEFAULT_TENANT, Role.ADMIN, null);
        Path file = moat.dataDir().resolve("admin.key");
        write(file, admin.key());
        LOG.infof(
                "No API key existed: an admin key for tenant default is in %s (owner-only). Send it as"
                        + " 'Authorization: Bearer <key>'; make more with POST /v1/admin/keys.",
                file.toAbsolutePath().normalize());
    }

    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the folder's own protection applies
            }
            Files.writeString(file, key + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key to " + file, e);
        }
    }
}
