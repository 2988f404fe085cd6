package io.s3share.operator.evaluation;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** CIDR membership for IpAddress conditions, IPv4 and IPv6, without any name lookup. */
final class IpRange {

  // Only literal addresses reach InetAddress, so it never resolves a host name.
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private IpRange() {}

  /** True when the address lies in the range; a bare address is a /32 (or /128). */
  static boolean contains(String cidr, String address) {
    String[] parts = cidr.trim().split("/", 2);
    byte[] network = parse(parts[0]);
    byte[] candidate = parse(address.trim());
    if (network == null || candidate == null || network.length != candidate.length) {
      return false;
    }
    int bits = network.length * 8;
    int prefix;
    try {
      prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
    } catch (NumberFormatException e) {
      return false;
    }
    if (prefix < 0 || prefix > bits) {
      return false;
    }
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
    return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
  }

  private static byte[] parse(String text) {
    if (!LITERAL.matcher(text).matches()) {
      return null;
    }
    if (!text.contains(":")) {
      return ipv4(text);
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!octets[i].matches("\\d{1,3}") || Integer.parseInt(octets[i]) > 255) {
        return null;
      }
      bytes[i] = (byte) Integer.parseInt(octets[i]);
    }
    return bytes;
  }
}
