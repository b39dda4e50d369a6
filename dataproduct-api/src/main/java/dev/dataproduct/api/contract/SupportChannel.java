package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * Where consumers get help ({@code support} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param channel the channel's name, such as {@code #product-help}
 * @param url where it is; empty if none
 * @param description what it is for; empty if none
 * @param tool such as {@code slack}, {@code email} or {@code ticket}; empty if none
 * @param scope such as {@code interactive} or {@code announcements}; empty if none
 * @param invitationUrl where to join; empty if none
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record SupportChannel(String id, String channel, String url, String description, String tool, String scope,
                             String invitationUrl, List<CustomProperty> customProperties,
                             Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public SupportChannel {
        id = Texts.text(id);
        channel = Texts.text(channel);
        url = Texts.text(url);
        description = Texts.text(description);
        tool = Texts.text(tool);
        scope = Texts.text(scope);
        invitationUrl = Texts.text(invitationUrl);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
