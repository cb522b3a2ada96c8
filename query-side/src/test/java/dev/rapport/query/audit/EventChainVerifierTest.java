package dev.rapport.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Tampering with the stored log in SQL, the way someone with database access would, and finding it. */
class EventChainVerifierTest {

    private final EventLog log = new EventLog();
    private final EventChainVerifier verifier = new EventChainVerifier(ProjectionDatabase.jdbc(),
            new DataSourceTransactionManager(ProjectionDatabase.dataSource()));
    private final List<ChainProgress> progress = new ArrayList<>();

    private long first;
    private long second;
    private long third;
    private long fourth;
    private long fifth;

    /** Five events, alternating between customers c-1 (1st, 3rd, 5th) and c-2 (2nd, 4th). */
    @BeforeEach
    void fiveEvents() {
        log.clear();
        first = log.append("c-1");
        second = log.append("c-2");
        third = log.append("c-1");
        fourth = log.append("c-2");
        fifth = log.append("c-1");
    }

    @Test
    void anIntactLogVerifiesWithProgressAlongTheWay() {
        assertThat(verifier.verifyLog(2, progress::add)).isEqualTo(ChainVerification.intact(5, fifth));
        assertThat(progress).containsExactly(new ChainProgress(2, second), new ChainProgress(4, fourth));

        assertThat(verifier.verifyCustomer("c-1")).isEqualTo(ChainVerification.intact(3, fifth));
        assertThat(verifier.verifyCustomer("c-2")).isEqualTo(ChainVerification.intact(2, fourth));
        assertThat(verifier.verifyCustomer("c-nobody")).isEqualTo(ChainVerification.intact(0, null));
    }

    @Test
    void anEmptyLogVerifies() {
        log.clear();

        assertThat(verifier.verifyLog(2, progress::add)).isEqualTo(ChainVerification.intact(0, null));
        assertThat(progress).isEmpty();
    }

    @Test
    void oneAlteredPayloadByteBreaksTheChainAtExactlyThatEvent() {
        String before = log.payload(third);
        log.alterOnePayloadByte(third);
        assertThat(differingCharacters(before, log.payload(third))).isOne();

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(2, third, ChainProblem.ALTERED, second));
        assertThat(verifier.verifyCustomer("c-1"))
                .isEqualTo(ChainVerification.broken(1, third, ChainProblem.ALTERED, first));
        assertThat(verifier.verifyCustomer("c-2")).as("the other customer's events and links are untouched")
                .isEqualTo(ChainVerification.intact(2, fourth));
    }

    @Test
    void alteredMetadataIsFound() {
        log.alterMetadata(second);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(1, second, ChainProblem.ALTERED, first));
        assertThat(verifier.verifyCustomer("c-2"))
                .isEqualTo(ChainVerification.broken(0, second, ChainProblem.ALTERED, null));
    }

    @Test
    void aDeletedEventIsFoundByTheLinkItLeftBehind() {
        log.deleteEvent(third);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(2, third, ChainProblem.MISSING_EVENT, second));
        assertThat(verifier.verifyCustomer("c-1"))
                .isEqualTo(ChainVerification.broken(1, third, ChainProblem.MISSING_EVENT, first));
        assertThat(verifier.verifyCustomer("c-2")).as("whose event it was cannot be known: every customer sees it")
                .isEqualTo(ChainVerification.broken(1, third, ChainProblem.MISSING_EVENT, second));
    }

    @Test
    void theNewestEventDeletedIsFoundToo() {
        log.deleteEvent(fifth);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(4, fifth, ChainProblem.MISSING_EVENT, fourth));
        assertThat(verifier.verifyCustomer("c-2"))
                .isEqualTo(ChainVerification.broken(2, fifth, ChainProblem.MISSING_EVENT, fourth));
    }

    @Test
    void anEventDeletedWithItsLinkBreaksTheLinkageOfTheNextLink() {
        log.deleteEvent(third);
        log.deleteLink(third);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(2, fourth, ChainProblem.BROKEN_LINKAGE, second));
        assertThat(verifier.verifyCustomer("c-2"))
                .isEqualTo(ChainVerification.broken(1, fourth, ChainProblem.BROKEN_LINKAGE, second));
        assertThat(verifier.verifyCustomer("c-1")).as("the owner of the deleted event, whose own links still match")
                .isEqualTo(ChainVerification.broken(1, fourth, ChainProblem.BROKEN_LINKAGE, first));
    }

    @Test
    void theFirstEventDeletedWithItsLinkIsFound() {
        log.deleteEvent(first);
        log.deleteLink(first);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(0, second, ChainProblem.BROKEN_LINKAGE, null));
    }

    @Test
    void anEventWithoutALinkIsFound() {
        log.deleteLink(fourth);

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(3, fourth, ChainProblem.MISSING_LINK, third));
        assertThat(verifier.verifyCustomer("c-2"))
                .isEqualTo(ChainVerification.broken(1, fourth, ChainProblem.MISSING_LINK, second));
    }

    @Test
    void appendsAfterTamperingDoNotHideIt() {
        log.alterOnePayloadByte(second);
        long sixth = log.append("c-2");

        assertThat(verifier.verifyLog(100, progress::add))
                .isEqualTo(ChainVerification.broken(1, second, ChainProblem.ALTERED, first));
        assertThat(sixth).isGreaterThan(fifth);
    }

    private static long differingCharacters(String before, String after) {
        assertThat(after).hasSameSizeAs(before);
        return IntStream.range(0, before.length()).filter(i -> before.charAt(i) != after.charAt(i)).count();
    }
}
