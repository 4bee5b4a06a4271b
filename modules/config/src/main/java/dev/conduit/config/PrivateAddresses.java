package dev.conduit.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Addresses that are not on the public internet: loopback, private networks, link-local (where
 * cloud metadata services answer), carrier-grade NAT, unique-local IPv6, multicast and the
 * unspecified address, also when wrapped in an IPv6 address. {@code DENY_PRIVATE_UPSTREAMS} keeps
 * providers off them.
 */
public final class PrivateAddresses {

    private PrivateAddresses() {}

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            return embeddedIpv4(bytes).map(PrivateAddresses::isPrivate).orElse(false);
        }
        return false;
    }

    /** The address written in {@code host} when it is an IP literal ({@code [::1]} too); no DNS lookup. */
    public static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Optional.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException notLiteral) {
            return Optional.empty();
        }
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] bytes) {
        boolean compatible = isZero(bytes, 0, 12);
        boolean nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b
                && isZero(bytes, 4, 12);
        byte[] ipv4 = new byte[4];
        if (compatible || nat64) {
            System.arraycopy(bytes, 12, ipv4, 0, 4);
        } else if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            System.arraycopy(bytes, 2, ipv4, 0, 4);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(ipv4));
        } catch (java.net.UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
