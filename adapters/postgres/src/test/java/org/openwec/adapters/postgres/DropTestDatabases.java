package org.openwec.adapters.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops the databases a test created on the shared server when it ends (after its {@code @AfterEach}
 * methods), and those its class created in {@code @BeforeAll} after its {@code @AfterAll} methods.
 * Registered for every test class of this module by auto-detection (junit-platform.properties and
 * META-INF/services). Without it each test leaves a 7 MB database behind, and the server's data
 * directory takes longer to delete at exit than Surefire waits for.
 */
public final class DropTestDatabases implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestPostgres.openScope();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestPostgres.openScope();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestPostgres.closeScope();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestPostgres.closeScope();
    }
}
