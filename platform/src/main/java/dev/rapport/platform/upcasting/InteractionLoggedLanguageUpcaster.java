package dev.rapport.platform.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code InteractionLogged} revision null → 2: revision 2 records the language a contact was held in;
 * stored contacts before it did not, so their {@code language} is null.
 * <p>
 * Why here, in the platform, and written against the stored type name rather than the event class:
 * an upcaster works on the stored form of an event (its {@code payload_type} string, its revision and
 * its JSON), which is the event store's concern, and it must keep matching that stored name even if
 * the class is ever moved or renamed, so a class reference would be the wrong key anyway. Living in the
 * platform, it is registered once for both deployables (and the standalone one) without a module of
 * its own, and the platform still imports nothing from the event contract or either side. The
 * contract names this class in {@code @EventRevision} on the event, and a query-side test checks the
 * two agree and that old stored events replay into the current record.
 */
public class InteractionLoggedLanguageUpcaster extends SingleEventUpcaster {

    static final String STORED_TYPE = "dev.rapport.events.interaction.InteractionLogged";
    private static final SimpleSerializedType FIRST_SHAPE = new SimpleSerializedType(STORED_TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(STORED_TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FIRST_SHAPE.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, ObjectNode.class, InteractionLoggedLanguageUpcaster::addLanguage);
    }

    static ObjectNode addLanguage(ObjectNode payload) {
        if (!payload.has("language")) {
            payload.putNull("language");
        }
        return payload;
    }
}
