package org.openwec.adapters.sql;

import java.sql.Types;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Machine;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.Uuids;

/**
 * The domain's types as Jdbi sees them, registered once per session: a subscription UUID binds as the
 * stored key (upper case, as the reference stores it) and reads back from any case; booleans bind as 0/1
 * on SQLite; records map by constructor, subscriptions and heartbeats by their row mappers.
 */
public final class SqlTypes implements JdbiPlugin {
    private final boolean booleansAsIntegers;

    public SqlTypes(boolean booleansAsIntegers) {
        this.booleansAsIntegers = booleansAsIntegers;
    }

    /** The text a subscription UUID is stored as, in {@code subscriptions.uuid} and the foreign keys. */
    public static String storedKey(UUID uuid) {
        return Uuids.storedKey(uuid);
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.VARCHAR) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                String key = storedKey(value);
                return (position, statement, ctx) -> statement.setString(position, key);
            }
        });
        jdbi.registerColumnMapper(UUID.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : Uuids.parseOrThrow(text, rs.getMetaData().getColumnLabel(column));
        });
        if (booleansAsIntegers) {
            jdbi.registerArgument(new AbstractArgumentFactory<Boolean>(Types.INTEGER) {
                @Override
                protected Argument build(Boolean value, ConfigRegistry config) {
                    int number = value ? 1 : 0;
                    return (position, statement, ctx) -> statement.setInt(position, number);
                }
            });
        }
        jdbi.registerRowMapper(ConstructorMapper.factory(Bookmark.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(HeartbeatRecord.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(Machine.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(SubscriptionStats.class));
        jdbi.registerRowMapper(Subscription.class, (rs, ctx) -> SubscriptionRows.read(rs));
        jdbi.registerRowMapper(Heartbeat.class, new HeartbeatRowMapper());
    }
}
