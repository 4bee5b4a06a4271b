package dev.conduit.providers.openai;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.ImageSource;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.ResponseFormat;
import dev.conduit.protocol.anthropic.Role;
import dev.conduit.protocol.anthropic.Tool;
import dev.conduit.protocol.anthropic.ToolChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a Messages API request into an OpenAI Chat Completions request.
 *
 * <p>Text-only content becomes a plain string (the form every OpenAI-compatible server accepts);
 * content with images becomes an array of parts. Tool results become {@code role:"tool"} messages
 * placed before the rest of the user's turn. {@code role:"system"} messages (Claude Code's
 * environment block) are appended to the system prompt, since several servers accept a system
 * message only at the start. Thinking blocks are not sent — most OpenAI-compatible servers neither
 * accept nor need them — except to DeepSeek, which requires the reasoning of a turn that called
 * tools back as {@code reasoning_content} in thinking mode.
 */
public final class OpenAiRequestTranslator {

    /**
     * Claude Code's first system block carries a per-request billing tag that only Anthropic reads;
     * forwarding it would change the prompt prefix on every request and defeat the provider's
     * prompt caching.
     */
    private static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

    private final OpenAiDialect dialect;

    public OpenAiRequestTranslator(OpenAiDialect dialect) {
        this.dialect = dialect;
    }

    public ObjectNode translate(MessagesRequest request, String upstreamModel, boolean stream) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("model", upstreamModel);
        body.set("messages", messages(request, dialect.cachesPrompts(upstreamModel)));
        body.put(dialect.maxTokensField(), request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        if (request.userId() != null) {
            body.put("user", request.userId());
        }
        tools(request, body);
        responseFormat(request.responseFormat(), body);
        String effort = dialect.reasoningEffort(request, upstreamModel);
        if (effort != null) {
            body.put("reasoning_effort", effort);
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * {@code output_config.format} / {@code response_format}. A schema from the Messages API goes
     * without {@code strict}: OpenAI's strict mode constrains schemas further than Anthropic's
     * structured outputs do, and a non-strict schema is accepted everywhere.
     */
    private static void responseFormat(ResponseFormat format, ObjectNode body) {
        switch (format) {
            case null -> { }
            case ResponseFormat.JsonObject object -> body.putObject("response_format").put("type", "json_object");
            case ResponseFormat.JsonSchema schema -> {
                ObjectNode spec = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                spec.put("name", schema.name() == null ? "response" : schema.name());
                spec.set("schema", schema.schema());
                if (schema.strict() != null) {
                    spec.put("strict", schema.strict());
                }
            }
        }
    }

    /**
     * @param cache whether Claude Code's cache breakpoints ({@code cache_control} on system and
     *     message text) are kept, on text parts; tool results lose theirs, since a tool message's
     *     text carries none
     */
    private ArrayNode messages(MessagesRequest request, boolean cache) {
        ArrayNode out = Json.NODES.arrayNode();
        List<ContentBlock.Text> system = new ArrayList<>();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER_PREFIX)) {
                system.add(block);
            }
        }
        for (Message message : request.messages()) {
            if (message.role() == Role.SYSTEM) {
                for (ContentBlock block : message.content()) {
                    if (block instanceof ContentBlock.Text text) {
                        system.add(text);
                    }
                }
            }
        }
        JsonNode systemContent = text(system, cache);
        if (systemContent != null) {
            out.addObject().put("role", "system").set("content", systemContent);
        }
        for (int i = 0; i < request.messages().size(); i++) {
            Message message = request.messages().get(i);
            String at = "messages[" + i + "]";
            switch (message.role()) {
                case USER -> userMessages(message.content(), at, out, cache);
                case ASSISTANT -> assistantMessage(message.content(), out, dialect.returnsReasoning());
                case SYSTEM -> { } // merged into the system prompt above
            }
        }
        return out;
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(paragraph);
    }

    /** A content block and its JSON path in the client's request, for error messages. */
    private record Located(ContentBlock block, String at) {}

    /** Tool results first, as {@code role:"tool"} messages, then the user's own content. */
    private void userMessages(List<ContentBlock> content, String at, ArrayNode out, boolean cache) {
        List<Located> rest = new ArrayList<>(content.size());
        List<Located> toolImages = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String blockAt = at + ".content[" + i + "]";
            if (content.get(i) instanceof ContentBlock.ToolResult result) {
                out.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", result.toolUseId())
                        .put("content", toolResultText(result, blockAt, toolImages));
            } else {
                rest.add(new Located(content.get(i), blockAt));
            }
        }
        // tool messages cannot carry images: they follow in a user message of their own
        rest.addAll(0, toolImages);
        JsonNode userContent = content(rest, cache);
        if (userContent != null) {
            out.addObject().put("role", "user").set("content", userContent);
        }
    }

    private static String toolResultText(ContentBlock.ToolResult result, String at, List<Located> images) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < result.content().size(); i++) {
            switch (result.content().get(i)) {
                case ContentBlock.Text part -> appendParagraph(text, part.text());
                case ContentBlock.ToolReference reference -> appendParagraph(text, "Tool " + reference.toolName() + " loaded.");
                case ContentBlock.Image image -> images.add(new Located(image, at + ".content[" + i + "]"));
                default -> { } // other blocks in tool results have no OpenAI form
            }
        }
        if (!result.isError()) {
            return text.toString();
        }
        return text.isEmpty() ? "Error" : "Error: " + text;
    }

    /**
     * Text blocks as one string (the form every server accepts), or, to keep cache breakpoints,
     * as text parts carrying them; null when empty.
     */
    private static JsonNode text(List<ContentBlock.Text> blocks, boolean cache) {
        if (cache && blocks.stream().anyMatch(block -> block.cacheControl() != null)) {
            ArrayNode parts = Json.NODES.arrayNode();
            blocks.forEach(block -> textPart(block, true, parts));
            return parts;
        }
        String text = paragraphs(blocks);
        return text.isEmpty() ? null : Json.NODES.stringNode(text);
    }

    /**
     * The blocks' texts, one paragraph each. A lone block (most messages) is its text as it is,
     * and a builder sized up front never grows: system prompts are kilobytes long.
     */
    private static String paragraphs(List<ContentBlock.Text> blocks) {
        if (blocks.size() == 1) {
            return blocks.getFirst().text();
        }
        int length = blocks.size();
        for (ContentBlock.Text block : blocks) {
            length += block.text().length();
        }
        StringBuilder text = new StringBuilder(length);
        blocks.forEach(block -> appendParagraph(text, block.text()));
        return text.toString();
    }

    private static void textPart(ContentBlock.Text block, boolean cache, ArrayNode parts) {
        ObjectNode part = parts.addObject().put("type", "text").put("text", block.text());
        if (cache && block.cacheControl() != null) {
            part.set("cache_control", block.cacheControl());
        }
    }

    /** A string when all content is text, an array of parts otherwise, null when empty. */
    private JsonNode content(List<Located> blocks, boolean cache) {
        if (blocks.stream().allMatch(located -> located.block() instanceof ContentBlock.Text)) {
            return text(blocks.stream().map(located -> (ContentBlock.Text) located.block()).toList(), cache);
        }
        ArrayNode parts = Json.NODES.arrayNode();
        for (Located located : blocks) {
            switch (located.block()) {
                case ContentBlock.Text text -> textPart(text, cache, parts);
                case ContentBlock.Image image -> parts.addObject()
                        .put("type", "image_url")
                        .putObject("image_url")
                        .put("url", imageUrl(image.source(), located.at()));
                case ContentBlock.Document document -> document(document, located.at(), parts);
                default -> { } // thinking and server-tool blocks have no OpenAI form
            }
        }
        return parts.isEmpty() ? null : parts;
    }

    private String imageUrl(ImageSource source, String at) {
        return switch (source) {
            case ImageSource.Base64 base64 -> "data:" + base64.mediaType() + ";base64," + base64.data();
            case ImageSource.Url url -> url.url();
            case ImageSource.File file -> throw ProtocolException.at(at + ".source",
                    "images uploaded with the Files API can only be sent to an Anthropic provider, not to "
                            + dialect.providerName());
        };
    }

    /**
     * Plain-text documents are inlined; a base64 PDF becomes a {@code file} part where the
     * provider reads those (OpenAI, OpenRouter); anything else needs a provider that reads
     * documents.
     */
    private void document(ContentBlock.Document document, String at, ArrayNode parts) {
        JsonNode source = document.raw().path("source");
        String type = source.path("type").asString("");
        if (type.equals("text")) {
            parts.addObject().put("type", "text").put("text", source.path("data").asString(""));
            return;
        }
        if (type.equals("content") && source.path("content").isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : source.path("content")) {
                if (part.path("type").asString("").equals("text")) {
                    appendParagraph(text, part.path("text").asString(""));
                }
            }
            parts.addObject().put("type", "text").put("text", text.toString());
            return;
        }
        boolean pdf = type.equals("base64") && source.path("media_type").asString("").equals("application/pdf");
        if (pdf && dialect.readsPdfs()) {
            String title = document.raw().path("title").asString("document");
            parts.addObject().put("type", "file").putObject("file")
                    .put("filename", title.endsWith(".pdf") ? title : title + ".pdf")
                    .put("file_data", "data:application/pdf;base64," + source.path("data").asString(""));
            return;
        }
        throw ProtocolException.at(at, "document blocks of source type \"" + type + "\" (such as PDFs) cannot be sent to "
                + dialect.providerName() + ", an OpenAI-compatible provider that does not read them; route this request to "
                + "a provider that reads documents (Anthropic, Gemini, OpenAI, OpenRouter)");
    }

    /**
     * @param returnsReasoning whether the server wants the reasoning of a turn that called tools
     *     back as {@code reasoning_content}; only unsigned thinking (what an OpenAI-compatible
     *     server produced) is its own
     */
    private static void assistantMessage(List<ContentBlock> content, ArrayNode out, boolean returnsReasoning) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Json.NODES.arrayNode();
        for (ContentBlock block : content) {
            switch (block) {
                case ContentBlock.Text part -> appendParagraph(text, part.text());
                case ContentBlock.Thinking thinking when thinking.signature() == null || thinking.signature().isEmpty() ->
                        reasoning.append(thinking.thinking());
                case ContentBlock.ToolUse use -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", use.id());
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", use.name())
                            .put("arguments", use.input().toString());
                }
                default -> { } // other providers' signed thinking means nothing to this server
            }
        }
        if (text.isEmpty() && toolCalls.isEmpty()) {
            return; // nothing the upstream can read; an empty assistant message is rejected by several
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
            if (returnsReasoning && !reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
        }
    }

    /**
     * Client tools become functions. Tools marked {@code defer_loading} are sent only once
     * ToolSearch has loaded them (a {@code tool_reference} names them); server tools have no
     * function form and are left out.
     */
    private static void tools(MessagesRequest request, ObjectNode body) {
        Set<String> loaded = referencedTools(request);
        ArrayNode tools = Json.NODES.arrayNode();
        for (Tool tool : request.tools()) {
            if (!tool.isClientTool() || (tool.deferLoading() && !loaded.contains(tool.name()))) {
                continue;
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            function.set("parameters", tool.inputSchema());
        }
        if (tools.isEmpty()) {
            return;
        }
        body.set("tools", tools);
        ToolChoice choice = request.toolChoice();
        if (choice == null) {
            return;
        }
        switch (choice) {
            case ToolChoice.Auto auto -> body.put("tool_choice", "auto");
            case ToolChoice.Any any -> body.put("tool_choice", "required");
            case ToolChoice.None none -> body.put("tool_choice", "none");
            case ToolChoice.Named named -> body.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function").put("name", named.name());
        }
        if (choice.disableParallelToolUse()) {
            body.put("parallel_tool_calls", false);
        }
    }

    /** Deferred tools that must be sent: loaded by ToolSearch, or forced by tool_choice. */
    private static Set<String> referencedTools(MessagesRequest request) {
        Set<String> names = new HashSet<>();
        if (request.toolChoice() instanceof ToolChoice.Named named) {
            names.add(named.name());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolResult result) {
                    for (ContentBlock inner : result.content()) {
                        if (inner instanceof ContentBlock.ToolReference reference) {
                            names.add(reference.toolName());
                        }
                    }
                } else if (block instanceof ContentBlock.ToolReference reference) {
                    names.add(reference.toolName());
                }
            }
        }
        return names;
    }
}
