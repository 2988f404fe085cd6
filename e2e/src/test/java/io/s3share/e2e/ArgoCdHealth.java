package io.s3share.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs an Argo CD health script the way Argo CD does: {@code obj} is the resource as a table. */
record ArgoCdHealth(String script) {

  record Result(String status, String message) {}

  static ArgoCdHealth fromFile(Path lua) {
    try {
      return new ArgoCdHealth(Files.readString(lua));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result evaluate(String resourceJson) {
    try {
      return evaluate(new ObjectMapper().readTree(resourceJson));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result evaluate(JsonNode resource) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(resource));
    LuaValue result = globals.load(script, "health.lua").call();
    return new Result(result.get("status").tojstring(), result.get("message").optjstring(""));
  }

  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isNull()) {
      return LuaValue.NIL;
    }
    return LuaValue.valueOf(node.asText());
  }
}
