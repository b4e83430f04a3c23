package org.openwec.app.cli;

import org.openwec.core.migration.MigrationCatalogue;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = OpenwecCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "openwec " + (version == null ? "development build" : version) + " (Java storage core)",
            "schema versions: SQLite " + MigrationCatalogue.SQLITE_LATEST + ", PostgreSQL " + MigrationCatalogue.POSTGRES_LATEST
        };
    }
}
