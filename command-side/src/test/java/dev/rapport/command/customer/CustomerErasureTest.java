package dev.rapport.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.command.customer.CustomerCommands.ChangeConsent;
import dev.rapport.command.customer.CustomerCommands.CloseCustomer;
import dev.rapport.command.customer.CustomerCommands.NotePreference;
import dev.rapport.command.customer.CustomerCommands.ReactivateCustomer;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerErased;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure (crypto-shredding) as the customer decides it: once, final, and the key goes with it. */
class CustomerErasureTest {

    private static final Instant REGISTERED = Instant.parse("2026-01-10T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final String ID = "c-1";
    private static final CustomerProfile PROFILE = new CustomerProfile("Li Wei", CustomerType.INDIVIDUAL, "li.wei@example.com",
            "+86 21 5555 0101", ContactChannel.EMAIL, "zh-CN", "Shanghai", null, null, null, List.of());

    private final List<String> erasedKeys = new ArrayList<>();
    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandDispatchInterceptor(new BeanValidationInterceptor<>());
        fixture.registerAnnotatedCommandHandler(new CustomerErasure(fixture.getRepository(), erasedKeys::add));
    }

    @Test
    void erasingRecordsAnErasureWithNothingPersonalAndDeletesTheKey() {
        fixture.given(new CustomerRegistered(ID, PROFILE, REGISTERED))
                .when(new EraseCustomer(ID, "dpo@crm"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerErased(ID, "dpo@crm", NOW));
        assertThat(erasedKeys).containsExactly(ID);
    }

    @Test
    void aClosedCustomerCanBeErased() {
        fixture.given(new CustomerRegistered(ID, PROFILE, REGISTERED),
                        new CustomerClosed(ID, ClosureReason.NATURAL, "moved abroad", "agent-1", REGISTERED))
                .when(new EraseCustomer(ID, "dpo@crm"))
                .expectEvents(new CustomerErased(ID, "dpo@crm", NOW));
    }

    @Test
    void erasingTwiceIsRefusedAndTouchesNoKey() {
        fixture.given(new CustomerRegistered(ID, PROFILE, REGISTERED), new CustomerErased(ID, "dpo@crm", REGISTERED))
                .when(new EraseCustomer(ID, "dpo@crm"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Customer c-1 was erased; nothing more is recorded for them")
                .expectNoEvents();
        assertThat(erasedKeys).isEmpty();
    }

    @Test
    void anErasedCustomerAcceptsNoProfileChange() {
        fixture.given(new CustomerRegistered(ID, PROFILE, REGISTERED), new CustomerErased(ID, "dpo@crm", REGISTERED))
                .when(new UpdateCustomerProfile(ID, new ProfileDetails("Li Wei", CustomerType.INDIVIDUAL, "li@example.com",
                        null, null, null, null, null, null, null, null)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anErasedCustomerAcceptsNoPreferenceConsentClosureOrReactivation() {
        var erased = new Object[]{new CustomerRegistered(ID, PROFILE, REGISTERED), new CustomerErased(ID, "dpo@crm", REGISTERED)};
        fixture.given(erased).when(new NotePreference(ID, "seat", "aisle", "agent-1"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(erased).when(new ChangeConsent(ID, ContactChannel.EMAIL, false, "unsubscribe-link"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(erased).when(new CloseCustomer(ID, ClosureReason.NATURAL, null, "agent-1"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(new CustomerRegistered(ID, PROFILE, REGISTERED),
                        new CustomerClosed(ID, ClosureReason.NATURAL, null, "agent-1", REGISTERED),
                        new CustomerErased(ID, "dpo@crm", REGISTERED))
                .when(new ReactivateCustomer(ID))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void anUnknownCustomerCannotBeErased() {
        fixture.givenNoPriorActivity()
                .when(new EraseCustomer(ID, "dpo@crm"))
                .expectException(AggregateNotFoundException.class);
        assertThat(erasedKeys).isEmpty();
    }
}
