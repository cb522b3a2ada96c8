package dev.rapport.query.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;

/** The live stream: a subscriber receives the alert changes committed after it subscribed, and only those. */
class ChurnAlertStreamTest {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(ProjectionDatabase.dataSource()));
    private final LiveStreams streams = new LiveStreams();
    private final ChurnAlertStream stream = new ChurnAlertStream(new ChurnProperties(null, null, null, null,
            new ChurnProperties.Stream(2, Duration.ofMinutes(5)), null), streams);
    private final ChurnAlertViews views = new ChurnAlertViews(jdbc);
    private final ChurnAlertProjection projection = ChurnTables.projection(jdbc, ProjectionDatabase.writes(), stream);
    private final MockMvc http = MockMvcBuilders.standaloneSetup(new ChurnAlertController(views, stream))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aSubscriberReceivesTheChangesCommittedAfterSubscribing() throws Exception {
        inTransaction(() -> new ChurnHistory(projection, "c-before").downgraded(Tier.GOLD, Tier.SILVER, T0));
        MvcResult subscription = subscribe();

        ChurnHistory customer = new ChurnHistory(projection, "c-1");
        inTransaction(() -> customer.complaintFiled("k-1", T0).slaBreached("k-1", SlaDeadline.RESOLVE, T0.plusSeconds(60)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(subscription))
                .contains("event:alert")
                .contains("\"customerId\":\"c-1\"")
                .contains("\"level\":\"WARNING\"")
                .contains("\"reason\":\"COMPLAINT\""));
        assertThat(body(subscription)).doesNotContain("c-before");

        inTransaction(() -> customer.complaintClosed("k-1", 4, T0.plusSeconds(120)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(subscription))
                .contains("\"level\":null,\"reasons\":[]"));
    }

    @Test
    void aChangeRolledBackIsNeverSent() throws Exception {
        MvcResult subscription = subscribe();

        transactions.executeWithoutResult(status -> {
            new ChurnHistory(projection, "c-rolled-back").downgraded(Tier.GOLD, Tier.SILVER, T0);
            status.setRollbackOnly();
        });
        inTransaction(() -> new ChurnHistory(projection, "c-committed").downgraded(Tier.GOLD, Tier.SILVER, T0));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(subscription)).contains("c-committed"));
        assertThat(body(subscription)).doesNotContain("c-rolled-back");
    }

    @Test
    void alertsRaisedByReplayingHistoryAreNotNews() throws Exception {
        MvcResult subscription = subscribe();

        inTransaction(() -> new ChurnHistory(projection, "c-replayed").replaying().downgraded(Tier.GOLD, Tier.SILVER, T0));
        inTransaction(() -> new ChurnHistory(projection, "c-live").downgraded(Tier.GOLD, Tier.SILVER, T0));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(subscription)).contains("c-live"));
        assertThat(body(subscription)).doesNotContain("c-replayed");
        assertThat(views.find("c-replayed")).as("the replay wrote the alert all the same").isPresent();
    }

    @Test
    void oneSubscriberTooManyIsAServiceUnavailableProblem() throws Exception {
        subscribe();
        subscribe();

        http.perform(get("/api/churn-alerts/stream"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Too many subscribers"));
    }

    @Test
    void aSubscriptionThatTimesOutLeavesItsPlace() throws Exception {
        MvcResult subscription = subscribe();
        assertThat(stream.subscribers()).isEqualTo(1);

        MockAsyncContext context = (MockAsyncContext) subscription.getRequest().getAsyncContext();
        for (AsyncListener listener : context.getListeners()) {
            listener.onTimeout(new AsyncEvent(context));
        }

        assertThat(stream.subscribers()).isZero();
    }

    @Test
    void stoppingTheApplicationEndsEveryOpenStream() throws Exception {
        MvcResult subscription = subscribe();
        assertThat(streams.open()).isEqualTo(1);

        assertThatThrownBy(() -> subscription.getAsyncResult(50)).as("open until the stop").isInstanceOf(IllegalStateException.class);

        streams.stop();

        subscription.getAsyncResult(5_000); // the stream's request ended: MVC has its result to dispatch
        assertThat(streams.open()).isZero();
    }

    private MvcResult subscribe() throws Exception {
        return http.perform(get("/api/churn-alerts/stream")).andExpect(request().asyncStarted()).andReturn();
    }

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    private static String body(MvcResult subscription) throws Exception {
        return subscription.getResponse().getContentAsString();
    }
}
