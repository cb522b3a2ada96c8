package dev.rapport.query.customer;

import java.sql.Timestamp;
import java.sql.Types;

import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds {@code customer_view} from customer events. Runs inside the processor's transaction, so the
 * row and the processor's token commit together. A pure function of the events: no clock, no lookups
 * outside the table. Each row remembers the last applied sequence number, so a redelivered event
 * (after a crash between handling and commit on another node) changes nothing.
 */
@Component
@ProcessingGroup(CustomerViewProjection.NAME)
class CustomerViewProjection {

    static final String NAME = dev.rapport.query.Projections.CUSTOMER_VIEW;

    private final JdbcClient jdbc;
    private final Counter handled;

    CustomerViewProjection(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", NAME)
                .register(meters);
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long sequence) {
        handled.increment();
        CustomerProfile p = event.profile();
        jdbc.sql("""
                        INSERT INTO customer_view (customer_id, display_name, customer_type, email, phone, preferred_channel,
                            locale, region, date_of_birth, industry, company_size, tags, registered_at, updated_at, aggregate_version)
                        VALUES (:id, :name, :type, :email, :phone, :channel, :locale, :region, :dob, :industry, :size, :tags,
                            :at, :at, :version)
                        ON CONFLICT (customer_id) DO NOTHING""")
                .param("id", event.customerId())
                .params(profileParams(p))
                .param("at", Timestamp.from(event.registeredAt()))
                .param("version", sequence)
                .update();
    }

    @EventHandler
    void on(CustomerProfileUpdated event, @SequenceNumber long sequence) {
        handled.increment();
        jdbc.sql("""
                        UPDATE customer_view SET display_name = :name, customer_type = :type, email = :email, phone = :phone,
                            preferred_channel = :channel, locale = :locale, region = :region, date_of_birth = :dob,
                            industry = :industry, company_size = :size, tags = :tags, updated_at = :at, aggregate_version = :version
                        WHERE customer_id = :id AND aggregate_version < :version""")
                .param("id", event.customerId())
                .params(profileParams(event.profile()))
                .param("at", Timestamp.from(event.updatedAt()))
                .param("version", sequence)
                .update();
    }

    private static java.util.Map<String, Object> profileParams(CustomerProfile p) {
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
