package dev.rapport.command.interaction;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.rapport.command.interaction.LogInteraction.SurveyScores;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.interaction.Sentiment;
import dev.rapport.events.interaction.ServiceScores;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InteractionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private AggregateTestFixture<Interaction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Interaction.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandDispatchInterceptor(new BeanValidationInterceptor<>());
    }

    @Test
    void aContactIsLoggedWithEverythingTheNextEmployeeNeeds() {
        var survey = new SurveyScores(5, 4, 3, 5, 4, 4);
        Instant occurred = NOW.minusSeconds(3600);
        fixture.givenNoPriorActivity()
                .when(new LogInteraction("i-1", "c-1", InteractionChannel.CALL_CENTRE, Direction.INBOUND, "zh-cn", " baggage delay ",
                        "voucher offered", "emp-3", 4, Sentiment.NEUTRAL, survey, null, occurred))
                .expectEvents(new InteractionLogged("i-1", "c-1", InteractionChannel.CALL_CENTRE, Direction.INBOUND, "zh-CN",
                        "baggage delay", "voucher offered", "emp-3", 4, Sentiment.NEUTRAL, new ServiceScores(5, 4, 3, 5, 4, 4),
                        null, occurred, NOW));
    }

    @Test
    void withoutATimeTheContactHappenedNow() {
        fixture.givenNoPriorActivity()
                .when(new LogInteraction("i-2", "c-1", InteractionChannel.EMAIL, Direction.OUTBOUND, null, "offer", null, "crm-mailer",
                        null, null, null, "complaint-9", null))
                .expectEvents(new InteractionLogged("i-2", "c-1", InteractionChannel.EMAIL, Direction.OUTBOUND, null, "offer", null,
                        "crm-mailer", null, null, null, "complaint-9", NOW, NOW));
    }

    @Test
    void aContactInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new LogInteraction("i-3", "c-1", InteractionChannel.STORE, Direction.INBOUND, null, "visit", null, "emp-1",
                        null, null, null, null, NOW.plusSeconds(3600)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aSatisfactionScoreOutsideOneToFiveIsRefusedByValidation() {
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.when(new LogInteraction("i-4", "c-1", InteractionChannel.APP, Direction.INBOUND, null, "rating",
                null, "app", 6, null, null, null, null)))
                .isInstanceOf(JSR303ViolationException.class).hasMessageContaining("satisfaction");
    }

    @Test
    void aLanguageThatIsNotALanguageTagIsRefusedByValidation() {
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.when(new LogInteraction("i-5", "c-1", InteractionChannel.PHONE, Direction.INBOUND, "Chinese",
                "call", null, "emp-1", null, null, null, null, null)))
                .isInstanceOf(JSR303ViolationException.class).hasMessageContaining("language");
    }
}
