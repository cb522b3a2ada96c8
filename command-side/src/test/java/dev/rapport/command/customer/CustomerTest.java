package dev.rapport.command.customer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final String ID = "c-1";

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandDispatchInterceptor(new BeanValidationInterceptor<>());
    }

    @Test
    void registeringRecordsTheProfileAtTheClocksTime() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ID, liWei("li.wei@example.com")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerRegistered(ID, liWei("li.wei@example.com").toProfile(), NOW));
    }

    @Test
    void registeringTrimsTextAndDropsBlankOptionalFields() {
        var sloppy = new ProfileDetails("  Li Wei ", CustomerType.INDIVIDUAL, null, null, null, null, "  ", null, " Airlines ", null, null);
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ID, sloppy))
                .expectEvents(new CustomerRegistered(ID,
                        new ProfileDetails("Li Wei", CustomerType.INDIVIDUAL, null, null, null, null, null, null, "Airlines", null, null).toProfile(),
                        NOW));
    }

    @Test
    void aCommandWithoutProfileIsRejectedBeforeItReachesTheAggregate() {
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.when(new RegisterCustomer(ID, null)))
                .isInstanceOf(JSR303ViolationException.class)
                .hasMessageContaining("profile");
    }

    @Test
    void aCommandWithAnInvalidEmailIsRejectedByValidation() {
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.when(new RegisterCustomer(ID, liWei("not-an-email"))))
                .isInstanceOf(JSR303ViolationException.class)
                .hasMessageContaining("profile.email");
    }

    @Test
    void theAggregateItselfRefusesAnEmailWithoutDomain() {
        // Jakarta @Email accepts "li@localhost"; the customer's own rule wants a dotted domain
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ID, liWei("li@localhost")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("'li@localhost' is not an e-mail address")
                .expectNoEvents();
    }

    @Test
    void theAggregateRefusesABlankDisplayNameEvenWhenValidationWasSkipped() {
        var unvalidated = new AggregateTestFixture<>(Customer.class);
        unvalidated.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        unvalidated.givenNoPriorActivity()
                .when(new RegisterCustomer(ID, new ProfileDetails("   ", CustomerType.INDIVIDUAL, null, null, null, null,
                        null, null, null, null, null)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A customer needs a display name")
                .expectNoEvents();
    }

    @Test
    void updatingReplacesTheProfile() {
        fixture.given(registered("li.wei@example.com"))
                .when(new UpdateCustomerProfile(ID, liWei("wei.li@example.com")))
                .expectEvents(new CustomerProfileUpdated(ID, liWei("wei.li@example.com").toProfile(), NOW));
    }

    @Test
    void updatingWithTheSameProfileRecordsNothing() {
        fixture.given(registered("li.wei@example.com"))
                .when(new UpdateCustomerProfile(ID, liWei("li.wei@example.com")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatingAfterAnEarlierUpdateComparesWithTheLatestProfile() {
        fixture.given(registered("li.wei@example.com"),
                        new CustomerProfileUpdated(ID, liWei("wei.li@example.com").toProfile(), NOW))
                .when(new UpdateCustomerProfile(ID, liWei("li.wei@example.com")))
                .expectEvents(new CustomerProfileUpdated(ID, liWei("li.wei@example.com").toProfile(), NOW));
    }

    @Test
    void anUnknownCustomerCannotBeUpdated() {
        fixture.givenNoPriorActivity()
                .when(new UpdateCustomerProfile("nobody", liWei("li.wei@example.com")))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void anUpdateWithAnInvalidEmailIsRefused() {
        fixture.given(registered("li.wei@example.com"))
                .when(new UpdateCustomerProfile(ID, liWei("li@localhost")))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    private static CustomerRegistered registered(String email) {
        return new CustomerRegistered(ID, liWei(email).toProfile(), NOW.minusSeconds(3600));
    }

    private static ProfileDetails liWei(String email) {
        return new ProfileDetails("Li Wei", CustomerType.INDIVIDUAL, email, "+86 138 0013 8000", ContactChannel.EMAIL,
                "zh-CN", "Shanghai", null, null, null, List.of("frequent-flyer"));
    }
}
