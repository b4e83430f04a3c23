package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.net.ssl.SSLHandshakeException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures the retry rides through, and which it must report at once because running again cannot help. */
class TransientFailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0} is transient")
    @ValueSource(strings = {"40001", "40P01", "08006", "08001", "08003", "57P01", "57P02", "57P03"})
    void serializationDeadlockConnectionAndShutdownStatesAreTransient(String state) {
        assertThat(TransientFailures.isTransient(new SQLException("x", state))).isTrue();
        // As the adapters see them: wrapped by Jdbi.
        assertThat(TransientFailures.isTransient(new ConnectionException(new SQLException("x", state)))).isTrue();
    }

    @ParameterizedTest(name = "SQLSTATE {0} is not transient")
    @ValueSource(strings = {"23505", "23503", "42601", "42P01", "28P01", "28000", "3D000", "22003", "08004"})
    void constraintSyntaxAuthenticationAndRangeStatesAreNot(String state) {
        // 08004 is pgjdbc refusing to connect (no TLS offered, no password configured), whatever its message says.
        assertThat(TransientFailures.isTransient(new SQLException("x", state))).isFalse();
        assertThat(TransientFailures.isConnectionLoss(new SQLException("x", state))).isFalse();
    }

    @Test
    void conflictsAreTransientButTheConnectionIsKept() {
        assertThat(TransientFailures.isTransient(new SQLException("x", "40001"))).isTrue();
        assertThat(TransientFailures.isConnectionLoss(new SQLException("x", "40001"))).isFalse();
        assertThat(TransientFailures.isConnectionLoss(new SQLException("x", "57P01"))).isTrue();
    }

    @Test
    void lostConnectionsWithoutStateAreTransient() {
        assertThat(TransientFailures.isTransient(new PSQLException("I/O", PSQLState.CONNECTION_FAILURE,
                new EOFException()))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SocketException("Connection reset")))).isTrue();
        assertThat(TransientFailures.isTransient(new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aPoolTimeoutIsTransientUnlessTheConnectionWasRefusedForGood() {
        SQLTransientConnectionException serverDown = new SQLTransientConnectionException("pool timeout", "08001",
                new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
        assertThat(TransientFailures.isTransient(serverDown)).isTrue();

        // HikariCP reports a wrong password as a pool timeout carrying the server's answer: not worth 30 s of retries.
        SQLTransientConnectionException wrongPassword = new SQLTransientConnectionException("pool timeout", "28P01",
                new PSQLException("password authentication failed", PSQLState.INVALID_PASSWORD));
        assertThat(TransientFailures.isTransient(wrongPassword)).isFalse();
    }

    @Test
    void certificateAndHostNameVerificationFailuresAreNotTransient() {
        PSQLException untrusted = new PSQLException("SSL error: PKIX path building failed", PSQLState.CONNECTION_FAILURE,
                new SSLHandshakeException("PKIX path building failed"));
        untrusted.getCause().initCause(new CertificateException(new CertPathValidatorException("untrusted")));
        assertThat(TransientFailures.isTransient(untrusted)).isFalse();
        assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("pool timeout", "08006", untrusted)))
                .isFalse();

        PSQLException wrongHost = new PSQLException(
                "The hostname localhost could not be verified by hostnameverifier PgjdbcHostnameVerifier.",
                PSQLState.CONNECTION_FAILURE);
        assertThat(TransientFailures.isTransient(wrongHost)).isFalse();

        PSQLException noTls = new PSQLException("The server does not support SSL.", PSQLState.CONNECTION_REJECTED);
        assertThat(TransientFailures.isTransient(noTls)).isFalse();
    }

    @Test
    void aHandshakeCutByTheServerGoingAwayIsStillTransient() {
        SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new EOFException("SSL peer shut down incorrectly"));
        assertThat(TransientFailures.isTransient(new PSQLException("SSL error", PSQLState.CONNECTION_FAILURE, cut))).isTrue();
    }

    @Test
    void sqlStateIsTheFirstOneInTheCauseChain() {
        assertThat(TransientFailures.sqlState(new ConnectionException(new SQLException("x", "40001")))).isEqualTo("40001");
        assertThat(TransientFailures.sqlState(new RuntimeException("no state"))).isNull();
    }
}
