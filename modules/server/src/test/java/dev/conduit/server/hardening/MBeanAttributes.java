package dev.conduit.server.hardening;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Every readable attribute of every MBean of the platform server, as text, the way JConsole would show it. */
final class MBeanAttributes {

    private MBeanAttributes() {}

    static String all() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder text = new StringBuilder();
        for (ObjectName name : server.queryNames(null, null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (!attribute.isReadable()) {
                    continue;
                }
                text.append(name).append(' ').append(attribute.getName()).append(" = ");
                try {
                    render(server.getAttribute(name, attribute.getName()), text);
                } catch (Exception | LinkageError unreadable) {
                    text.append("(unreadable: ").append(unreadable.getClass().getSimpleName()).append(')');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static void render(Object value, StringBuilder text) {
        switch (value) {
            case null -> text.append("null");
            case CompositeData composite -> {
                text.append('{');
                for (String key : composite.getCompositeType().keySet()) {
                    text.append(key).append('=');
                    render(composite.get(key), text);
                    text.append(", ");
                }
                text.append('}');
            }
            case TabularData table -> {
                text.append('[');
                for (Object row : table.values()) {
                    render(row, text);
                    text.append(", ");
                }
                text.append(']');
            }
            default -> {
                if (value.getClass().isArray()) {
                    text.append('[');
                    for (int i = 0; i < Array.getLength(value); i++) {
                        render(Array.get(value, i), text);
                        text.append(", ");
                    }
                    text.append(']');
                } else {
                    text.append(value);
                }
            }
        }
    }
}
