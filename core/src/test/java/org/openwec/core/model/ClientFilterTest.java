package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client filter semantics (docs/reference/stored-formats.md §3) with the reference's own cases
 * (docs/reference/reference-tests.md §2 steps 10 and 16 and 8, subscription.rs tests).
 */
class ClientFilterTest {
    private static final ClientFilterFlags NONE = ClientFilterFlags.NONE;
    private static final ClientFilterFlags CASE_INSENSITIVE = ClientFilterFlags.fromBits(1);
    private static final ClientFilterFlags GLOB = ClientFilterFlags.fromBits(2);
    private static final ClientFilterFlags GLOB_CASE_INSENSITIVE = ClientFilterFlags.fromBits(3);

    private static ClientFilter filter(ClientFilterOperation op, ClientFilterKind kind, ClientFilterFlags flags,
                                       String... targets) {
        return ClientFilter.of(op, kind, flags, List.of(targets));
    }

    private static ClientFilter only(ClientFilterFlags flags, String... targets) {
        return filter(ClientFilterOperation.Only, ClientFilterKind.Client, flags, targets);
    }

    // Exact targets

    @Test
    void onlyClientExactIsCaseSensitive() {
        ClientFilter f = only(NONE, "couscous", "boulette");

        assertThat(f.accepts("couscous", null)).isTrue();
        assertThat(f.accepts("Couscous", null)).isFalse();
        assertThat(f.accepts("semoule", null)).isFalse();
    }

    @Test
    void clientFilterOperation() {
        ClientFilter onlyFilter = only(NONE, "expected_target", "another");
        assertThat(onlyFilter.accepts("expected_target_similar", null)).isFalse();
        assertThat(onlyFilter.accepts("expected_target", null)).isTrue();
        assertThat(onlyFilter.accepts("another", null)).isTrue();

        ClientFilter except = filter(ClientFilterOperation.Except, ClientFilterKind.Client, NONE,
                "expected_target", "another");
        assertThat(except.accepts("different_target", null)).isTrue();
        assertThat(except.accepts("expected_target", null)).isFalse();
        assertThat(except.accepts("another", null)).isFalse();
    }

    @Test
    void clientKindIgnoresTheMachineId() {
        ClientFilter f = only(NONE, "couscous");

        assertThat(f.accepts("couscous", "anything")).isTrue();
        assertThat(f.accepts("other", "couscous")).isFalse();
    }

    @Test
    void onlyMachineIdNeedsTheMachineId() {
        ClientFilter f = filter(ClientFilterOperation.Only, ClientFilterKind.MachineID, NONE, "expected_machine");

        assertThat(f.accepts("expected_machine", null)).isFalse();
        assertThat(f.accepts("client", "unexpected_machine")).isFalse();
        assertThat(f.accepts("client", "expected_machine")).isTrue();
    }

    @Test
    void exceptMachineIdCaseInsensitive() {
        ClientFilter f = filter(ClientFilterOperation.Except, ClientFilterKind.MachineID, CASE_INSENSITIVE,
                "boulette", "semoule");

        assertThat(f.accepts("couscous", null)).isTrue();
        assertThat(f.accepts("semoule", null)).isTrue();
        assertThat(f.accepts("boulette", null)).isTrue();
        assertThat(f.accepts("couscous", "couscous")).isTrue();
        assertThat(f.accepts("semoule", "semoule")).isFalse();
        assertThat(f.accepts("babar", "SEmOuLe")).isFalse();
        assertThat(f.accepts("boul", "BOUlette")).isFalse();
        assertThat(f.accepts("boulette", "notboulette")).isTrue();
    }

    @Test
    void caseInsensitiveExactTargetsAreStoredLowerCaseWithUnicodeRules() {
        ClientFilter f = filter(ClientFilterOperation.Except, ClientFilterKind.Client, CASE_INSENSITIVE,
                "TEST01$@WINDOMAIN.LOCAL", "test02$@windomain.local", "ÉCOLE");

        assertThat(f.targets()).containsExactlyInAnyOrder("test01$@windomain.local", "test02$@windomain.local", "école");
        assertThat(f.accepts("Test01$@WinDomain.Local", null)).isFalse();
        assertThat(f.accepts("École", null)).isFalse();
        assertThat(f.accepts("test03$@windomain.local", null)).isTrue();
    }

    @Test
    void exactTargetsAreASet() {
        ClientFilter f = only(CASE_INSENSITIVE, "a", "A", "b", "a");

        assertThat(f.targets()).containsExactlyInAnyOrder("a", "b");
        assertThat(f).isEqualTo(only(CASE_INSENSITIVE, "b", "a"));
        assertThat(f.hashCode()).isEqualTo(only(CASE_INSENSITIVE, "b", "a").hashCode());
        assertThat(f).isNotEqualTo(only(NONE, "a", "b"));
    }

    // Glob patterns

    @ParameterizedTest
    @CsvSource({
            "expected_target, false",
            "eXPected_, true",
            "eXPected_target, true",
            "aNother_target, false",
            "aNother11_target, false",
            "aNother1_target, true",
            "aNother2_target, true"})
    void globIsCaseSensitiveByDefault(String client, boolean accepted) {
        assertThat(only(GLOB, "eXPected_*", "aNother?_target").accepts(client, null)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({
            "expected_target, true",
            "expected_, true",
            "ExpecteD_target, true",
            "aNother_target, false",
            "aNother11_target, false",
            "Another1_target, true",
            "another2_target, true"})
    void globCaseInsensitive(String client, boolean accepted) {
        assertThat(only(GLOB_CASE_INSENSITIVE, "eXPected_*", "aNother?_target").accepts(client, null))
                .isEqualTo(accepted);
    }

    @Test
    void globPatternsAreKeptAsGivenDuplicatesIncluded() {
        ClientFilter f = only(GLOB_CASE_INSENSITIVE, "WIN*", "WIN*", "Dc?");

        assertThat(f.targets()).containsExactly("WIN*", "WIN*", "Dc?");
        assertThat(f.joinedTargets()).isEqualTo("WIN*,WIN*,Dc?");
    }

    @Test
    void globCaseInsensitivityIsAsciiOnly() {
        assertThat(only(GLOB_CASE_INSENSITIVE, "école*").accepts("ÉCOLE1", null)).isFalse();
        assertThat(only(GLOB_CASE_INSENSITIVE, "ecole*").accepts("ECOLE1", null)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "WIN*, WIN10$@DOMAIN/SUB, true",
            "?, a, true",
            "?, ab, false",
            "?, '', false",
            "[abc]x, bx, true",
            "[abc]x, dx, false",
            "[a-c]x, cx, true",
            "[!a-c]x, dx, true",
            "[!a-c]x, ax, false",
            "a.b, a.b, true",
            "a.b, axb, false",
            "a/**/b, a/x/y/b, true",
            "a/**/b, a/b, true",
            "**, anything/at/all, true",
            "(x)+, (x)+, true"})
    void globRules(String pattern, String client, boolean accepted) {
        assertThat(only(GLOB, pattern).accepts(client, null)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a**b", "a**", "**b", "[abc", "x[!a"})
    void invalidGlobsAreRejected(String pattern) {
        assertThatThrownBy(() -> only(GLOB, pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidGlobIsAcceptedAsAnExactTarget() {
        assertThat(only(NONE, "a**b").accepts("a**b", null)).isTrue();
    }

    // Stored columns

    @Test
    void fromStoredColumns() {
        ClientFilter f = ClientFilter.fromStored(ClientFilterOperation.parse("only"), ClientFilterKind.parse("Client"),
                ClientFilterFlags.fromBits(0b11), "target1,target2");

        assertThat(f.operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(f.kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(f.flags()).isEqualTo(new ClientFilterFlags(true, true));
        assertThat(f.targets()).containsExactlyInAnyOrder("target1", "target2");
    }

    @Test
    void storedNamesAreReadCaseInsensitively() {
        assertThat(ClientFilterOperation.parse("EXCEPT")).isEqualTo(ClientFilterOperation.Except);
        assertThat(ClientFilterOperation.parse("Only")).isEqualTo(ClientFilterOperation.Only);
        assertThat(ClientFilterKind.parse("machineid")).isEqualTo(ClientFilterKind.MachineID);
        assertThat(ClientFilterKind.parse("CLIENT")).isEqualTo(ClientFilterKind.Client);
        assertThatThrownBy(() -> ClientFilterOperation.parse("All")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientFilterKind.parse("Principal")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagBits() {
        assertThat(ClientFilterFlags.fromBits(0)).isEqualTo(ClientFilterFlags.NONE);
        assertThat(ClientFilterFlags.fromBits(1)).isEqualTo(new ClientFilterFlags(true, false));
        assertThat(ClientFilterFlags.fromBits(2)).isEqualTo(new ClientFilterFlags(false, true));
        assertThat(ClientFilterFlags.fromBits(3).bits()).isEqualTo(3);
        assertThat(new ClientFilterFlags(true, false).bits()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 8, 255, -1, 1L << 40})
    void unknownFlagBitsAreRejected(long bits) {
        assertThatThrownBy(() -> ClientFilterFlags.fromBits(bits)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedTargetsAreSplitOnEveryCommaWithoutTrimming() {
        ClientFilter f = ClientFilter.fromStored(ClientFilterOperation.Only, ClientFilterKind.Client, NONE, " a,b ,,c");

        assertThat(f.targets()).containsExactlyInAnyOrder(" a", "b ", "", "c");
    }

    @Test
    void noStoredTargetsIsNoTargetAndAnEmptyTextIsOneEmptyTarget() {
        ClientFilter none = ClientFilter.fromStored(ClientFilterOperation.Except, ClientFilterKind.Client, NONE, null);
        ClientFilter empty = ClientFilter.fromStored(ClientFilterOperation.Only, ClientFilterKind.Client, NONE, "");

        assertThat(none.targets()).isEmpty();
        assertThat(none.joinedTargets()).isNull();
        assertThat(none.accepts("anyone", null)).isTrue();
        assertThat(empty.targets()).containsExactly("");
    }

    @Test
    void joinedTargetsReadBackEqual() {
        ClientFilter f = filter(ClientFilterOperation.Except, ClientFilterKind.MachineID, CASE_INSENSITIVE,
                "Boulette", "semoule");

        assertThat(ClientFilter.fromStored(f.operation(), f.kind(), f.flags(), f.joinedTargets())).isEqualTo(f);
    }
}
