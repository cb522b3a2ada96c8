package dev.rapport.query.customer;

import dev.rapport.query.CustomerSequencing;
import dev.rapport.query.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Part of the customer-view projection: every event it handles may change a followed customer's view.
 * A notification, not a table write: replays and rebuilds leave it out.
 */
@Component
@DisallowReplay
@ProcessingGroup(Projections.CUSTOMER_VIEW)
class CustomerChangeNotifier {

    private final CustomerChangeFeed feed;

    CustomerChangeNotifier(CustomerChangeFeed feed) {
        this.feed = feed;
    }

    @EventHandler
    void on(Object event) {
        CustomerSequencing.customerOf(event).ifPresent(feed::changed);
    }
}
