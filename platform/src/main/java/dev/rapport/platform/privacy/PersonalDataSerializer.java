package dev.rapport.platform.privacy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import tools.jackson.databind.JsonNode;

/**
 * The event serializer with crypto-shredding: after the delegate (Jackson) serialized a payload whose type
 * carries {@code @PersonalData}, each personal value is replaced by its ciphertext; before the delegate
 * deserializes one, the values are decrypted (or read as erased). Upcasters run in between, on the stored
 * form, and see the ciphertext strings like any other value. Types without personal data pass untouched.
 */
public class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final PersonalDataProtection protection;
    private final Map<TypeKey, Class<?>> classes = new ConcurrentHashMap<>();

    private record TypeKey(String name, String revision) {
    }

    public PersonalDataSerializer(Serializer delegate, PersonalDataProtection protection) {
        this.delegate = delegate;
        this.protection = protection;
    }

    public Serializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !protection.hasPersonalData(object.getClass())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<String> plain = delegate.serialize(object, String.class);
        SerializedObject<String> sealed = new SimpleSerializedObject<>(protection.seal(object, plain.getData()),
                String.class, plain.getType());
        return getConverter().convert(sealed, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (SerializedType.emptyType().equals(serializedObject.getType())) {
            return delegate.deserialize(serializedObject);
        }
        Class<?> type = classForType(serializedObject.getType());
        if (UnknownSerializedType.class.equals(type) || !protection.hasPersonalData(type)) {
            return delegate.deserialize(serializedObject);
        }
        // decrypted on the parsed tree, which Jackson then reads the event from: no JSON text in between
        Object stored = readable(serializedObject.getData())
                ? serializedObject.getData() : getConverter().convert(serializedObject, String.class).getData();
        return delegate.deserialize(new SimpleSerializedObject<>(protection.revealTree(type, stored), JsonNode.class,
                serializedObject.getType()));
    }

    private static boolean readable(Object data) {
        return data instanceof byte[] || data instanceof String || data instanceof JsonNode;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    /** The delegate's answer, remembered: it looks the class up by name for every event otherwise. */
    @Override
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(new TypeKey(type.getName(), type.getRevision()), key -> delegate.classForType(type));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
