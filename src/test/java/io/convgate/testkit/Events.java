package io.convgate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.support.JsonCustomizer;
import java.util.Map;

/** Builds CloudEvents envelopes of contract v1 the way a producer would. */
public final class Events {

  public static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());

  private Events() {}

  public static ObjectNode envelope(
      String id, String type, String integration, String time, ObjectNode data) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", id);
    envelope.put("source", "billing/test");
    envelope.put("type", type);
    envelope.put("time", time);
    envelope.put("integration", integration);
    envelope.put("datacontenttype", "application/json");
    envelope.set("data", data);
    return envelope;
  }

  public static ObjectNode sale(
      String saleId, String email, String currency, String unitPrice, int quantity) {
    ObjectNode data = JSON.createObjectNode();
    data.put("saleId", saleId);
    data.put("email", email);
    data.put("firstName", "Ada");
    data.put("lastName", "Lovelace");
    data.put("currency", currency);
    ObjectNode item = data.putArray("items").addObject();
    item.put("name", "Annual plan");
    item.put("unitPrice", unitPrice);
    item.put("quantity", quantity);
    item.put("sku", "plan-annual");
    return data;
  }

  public static ObjectNode lead(String email) {
    ObjectNode data = JSON.createObjectNode();
    data.put("email", email);
    data.put("firstName", "Grace");
    data.putArray("tags").add("webinar");
    return data;
  }

  public static ObjectNode refund(String saleId, String amount, String currency) {
    ObjectNode data = JSON.createObjectNode();
    data.put("saleId", saleId);
    if (amount != null) {
      data.put("refundedAmount", amount);
    }
    data.put("currency", currency);
    return data;
  }

  public static ObjectNode of(Map<String, Object> fields) {
    return JSON.valueToTree(fields);
  }
}
