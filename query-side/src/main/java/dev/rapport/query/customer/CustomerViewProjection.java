package dev.rapport.query.customer;

import java.sql.Timestamp;
import java.sql.Types;

import java.util.Map;

import dev.rapport.events.customer.AccountManagerAssigned;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerErased;
import dev.rapport.events.customer.CustomerMarkedAsPartner;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.customer.PartnershipEnded;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.customer.PreferenceWithdrawn;
import dev.rapport.events.customer.ReferralRecorded;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.platform.privacy.PersonalDataProtection;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Builds the customer's own part of {@code customer_view} (profile, consent, preferences, account
 * manager, referrals, partnership, status) from the customer aggregate's events. Runs inside the
 * processor's transaction, so the row and the processor's token commit together. A pure function of
 * the events: no clock. Each row remembers the customer aggregate's last applied sequence number, so a
 * redelivered event changes nothing.
 */
@Component
@ProcessingGroup(CustomerViewProjection.NAME)
class CustomerViewProjection {

    static final String NAME = dev.rapport.query.Projections.CUSTOMER_VIEW;

    private final ProjectionWrites writes;
    private final Counter handled;

    CustomerViewProjection(ProjectionWrites writes, MeterRegistry meters) {
        this.writes = writes;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", NAME)
                .register(meters);
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long sequence) {
        handled.increment();
        var params = profileParams(event.profile());
        params.put("id", event.customerId());
        params.put("at", Timestamp.from(event.registeredAt()));
        params.put("version", sequence);
        writes.write(event.customerId(), """
                        INSERT INTO customer_view (customer_id, display_name, customer_type, email, phone, preferred_channel,
                            locale, region, date_of_birth, industry, company_size, tags, registered_at, updated_at, aggregate_version)
                        VALUES (:id, :name, :type, :email, :phone, :channel, :locale, :region, :dob, :industry, :size, :tags,
                            :at, :at, :version)
                        ON CONFLICT (customer_id) DO NOTHING""", params);
    }

    @EventHandler
    void on(CustomerProfileUpdated event, @SequenceNumber long sequence) {
        handled.increment();
        var params = profileParams(event.profile());
        params.put("id", event.customerId());
        params.put("at", Timestamp.from(event.updatedAt()));
        params.put("version", sequence);
        writes.write(event.customerId(), """
                        UPDATE customer_view SET display_name = :name, customer_type = :type, email = :email, phone = :phone,
                            preferred_channel = :channel, locale = :locale, region = :region, date_of_birth = :dob,
                            industry = :industry, company_size = :size, tags = :tags, updated_at = :at, aggregate_version = :version
                        WHERE customer_id = :id AND aggregate_version < :version""", params);
    }

    @EventHandler
    void on(ConsentChanged event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence,
                "consents = consents || jsonb_build_object(:channel::text, :optedIn)",
                Map.of("channel", event.channel().name(), "optedIn", event.optedIn()));
    }

    @EventHandler
    void on(PreferenceNoted event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "preferences = preferences || jsonb_build_object(:key::text, :value::text)",
                Map.of("key", event.key(), "value", event.value()));
    }

    @EventHandler
    void on(PreferenceWithdrawn event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "preferences = preferences - :key::text", Map.of("key", event.key()));
    }

    @EventHandler
    void on(AccountManagerAssigned event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "account_manager_id = :manager", Map.of("manager", event.accountManagerId()));
    }

    @EventHandler
    void on(ReferralRecorded event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "referrals = referrals + 1", Map.of());
    }

    @EventHandler
    void on(CustomerMarkedAsPartner event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "partner = TRUE", Map.of());
    }

    @EventHandler
    void on(PartnershipEnded event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "partner = FALSE", Map.of());
    }

    @EventHandler
    void on(CustomerClosed event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "status = 'CLOSED', closure_reason = :reason, closed_at = :at",
                Map.of("reason", event.reason().name(), "at", Timestamp.from(event.closedAt())));
    }

    @EventHandler
    void on(CustomerReactivated event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, "status = 'ACTIVE', closure_reason = NULL, closed_at = NULL", Map.of());
    }

    /**
     * Blanks the personal columns as a replay after the erasure reads them (the key is gone): text that was
     * there becomes the marker, the date of birth null, preference values the marker. Spend, dates, tier and
     * segment columns stay for analytics.
     */
    @EventHandler
    void on(CustomerErased event, @SequenceNumber long sequence) {
        handled.increment();
        applyToCustomer(event.customerId(), sequence, """
                display_name = :erased,
                email = CASE WHEN email IS NULL THEN NULL ELSE :erased END,
                phone = CASE WHEN phone IS NULL THEN NULL ELSE :erased END,
                date_of_birth = NULL,
                preferences = COALESCE((SELECT jsonb_object_agg(key, to_jsonb(CAST(:erased AS TEXT)))
                                        FROM jsonb_object_keys(preferences) AS key), '{}'::jsonb)""",
                Map.of("erased", PersonalDataProtection.ERASED));
    }

    /** Applies a change made by the customer aggregate once: only an event newer than the row's version counts. */
    private void applyToCustomer(String customerId, long sequence, String assignments, Map<String, Object> params) {
        var all = new java.util.HashMap<String, Object>(params);
        all.put("id", customerId);
        all.put("version", sequence);
        writes.write(customerId, "UPDATE customer_view SET " + assignments + ", aggregate_version = :version "
                + "WHERE customer_id = :id AND aggregate_version < :version", all);
    }

    private static java.util.HashMap<String, Object> profileParams(CustomerProfile p) {
        var params = new java.util.HashMap<String, Object>();
        params.put("name", p.displayName());
        params.put("type", p.type().name());
        params.put("email", p.email());
        params.put("phone", p.phone());
        params.put("channel", p.preferredChannel() == null ? null : p.preferredChannel().name());
        params.put("locale", p.locale());
        params.put("region", p.region());
        params.put("dob", p.dateOfBirth() == null ? null : java.sql.Date.valueOf(p.dateOfBirth()));
        params.put("industry", p.industry());
        params.put("size", p.companySize());
        params.put("tags", new SqlParameterValue(Types.ARRAY, p.tags().toArray(String[]::new)));
        return params;
    }
}
