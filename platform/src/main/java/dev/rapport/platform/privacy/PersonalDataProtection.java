package dev.rapport.platform.privacy;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Crypto-shredding of the {@code @PersonalData} fields of stored events, in one place: sealing them when an
 * event is serialized for storage, opening them when it is read (by Axon through {@link PersonalDataSerializer},
 * or by anything that reads stored payload text itself), and erasing a subject by deleting their key.
 * <p>
 * Once a subject's key is gone each personal field reads as erased: text becomes {@link #ERASED}, any other
 * type null. Values stored before encryption existed (not sealed) are read as stored.
 */
public class PersonalDataProtection implements PersonalDataErasure {

    /** What a personal text field reads as once its subject is erased. */
    public static final String ERASED = "[erased]";

    /**
     * Parses stored JSON without changing a byte of what is not personal: decimals stay BigDecimal with their
     * scale (12.50 is not 12.5), so sealing and re-writing leaves every other value as Jackson wrote it.
     */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final String SEALED_VALUE = "\"" + FieldCipher.PREFIX;

    private final PersonalDataKeys keys;
    private final FieldCipher cipher = new FieldCipher();
    private final Map<String, Optional<Class<?>>> typesByName = new ConcurrentHashMap<>();

    public PersonalDataProtection(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** Erases the subject: their key is removed in the current transaction; every personal field of theirs reads as erased. */
    @Override
    public void erase(String subjectId) {
        keys.erase(subjectId);
    }

    /**
     * The stored payload JSON of an event of {@code payloadType} (a class name) with its personal fields
     * decrypted, or erased: for readers of the stored rows (audit history, export). Unknown types unchanged.
     */
    public String reveal(String payloadType, String storedJson) {
        PersonalFields fields = typesByName.computeIfAbsent(payloadType, PersonalDataProtection::load)
                .map(PersonalFields::of).orElse(PersonalFields.NONE);
        if (fields.isEmpty() || storedJson == null) {
            return storedJson;
        }
        return write(reveal(fields, read(storedJson)));
    }

    /**
     * Reads, with one query, the keys the personal values in these stored payloads were sealed with, for the rest of
     * the current transaction: a reader about to deserialize many events (a projection rebuild) spares a query per
     * subject. Only an optimisation: a value it does not recognise is looked up when revealed, as always.
     */
    public void readKeysAhead(Collection<String> storedPayloads) {
        Set<String> subjects = new HashSet<>();
        for (String payload : storedPayloads) {
            int start = payload == null ? -1 : payload.indexOf(SEALED_VALUE);
            while (start >= 0) {
                int end = payload.indexOf('"', start + 1);
                if (end < 0) {
                    break;
                }
                String value = payload.substring(start + 1, end);
                if (value.indexOf('\\') < 0) {
                    try {
                        subjects.add(FieldCipher.parse(value).subjectId());
                    } catch (UnreadablePersonalData notSealed) {
                        // left to the reveal, which reports it
                    }
                }
                start = payload.indexOf(SEALED_VALUE, end + 1);
            }
        }
        keys.readAhead(subjects);
    }

    boolean hasPersonalData(Class<?> type) {
        return !PersonalFields.of(type).isEmpty();
    }

    String seal(Object event, String json) {
        PersonalFields fields = PersonalFields.of(event.getClass());
        PersonalDataKeys.SubjectKey key = keys.forWriting(fields.subjectOf(event));
        JsonNode tree = read(json);
        seal(fields, key, tree);
        return write(tree);
    }

    String reveal(Class<?> type, String json) {
        return write(reveal(PersonalFields.of(type), read(json)));
    }

    /**
     * The stored payload of an event of {@code type} as a tree with its personal values decrypted (or erased), for
     * Jackson to read the event from directly: no JSON text is written and parsed again. Stored text and bytes are
     * parsed here; a tree (an upcaster's result) is copied, so that whoever holds it still sees it as stored.
     */
    JsonNode revealTree(Class<?> type, Object stored) {
        JsonNode tree;
        if (stored instanceof byte[] bytes) {
            tree = EXACT.readTree(bytes);
        } else if (stored instanceof String text) {
            tree = EXACT.readTree(text);
        } else if (stored instanceof JsonNode node) {
            tree = node.deepCopy();
        } else {
            throw new IllegalArgumentException("Cannot read a stored payload of " + stored.getClass());
        }
        return reveal(PersonalFields.of(type), tree);
    }

    private void seal(PersonalFields fields, PersonalDataKeys.SubjectKey key, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (PersonalFields.Field field : fields.fields()) {
            JsonNode value = object.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            if (field.leaf()) {
                object.put(field.name(), cipher.seal(key, write(value)));
            } else if (field.many()) {
                value.forEach(element -> seal(field.nested(), key, element));
            } else {
                seal(field.nested(), key, value);
            }
        }
    }

    private JsonNode reveal(PersonalFields fields, JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (PersonalFields.Field field : fields.fields()) {
                JsonNode value = object.get(field.name());
                if (value == null || value.isNull()) {
                    continue;
                }
                if (field.leaf()) {
                    if (value.isString() && FieldCipher.isSealed(value.asString())) {
                        object.set(field.name(), open(field, value.asString()));
                    }
                } else if (field.many()) {
                    value.forEach(element -> reveal(field.nested(), element));
                } else {
                    reveal(field.nested(), value);
                }
            }
        }
        return node;
    }

    private JsonNode open(PersonalFields.Field field, String sealedValue) {
        FieldCipher.Sealed sealed = FieldCipher.parse(sealedValue);
        PersonalDataKeys.SubjectKey key = keys.forReading(sealed.subjectId());
        if (key.erased()) {
            return field.text() ? StringNode.valueOf(ERASED) : EXACT.nullNode();
        }
        return read(cipher.open(key, sealed));
    }

    private static JsonNode read(String json) {
        return EXACT.readTree(json);
    }

    private static String write(JsonNode node) {
        return EXACT.writeValueAsString(node);
    }

    private static Optional<Class<?>> load(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Optional.of(Class.forName(className, false,
                    loader != null ? loader : PersonalDataProtection.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
