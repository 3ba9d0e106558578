// The Chat sample's AsyncAPI document, checked by the AsyncAPI project's own parser and used to
// validate every frame the server sends during the protocol check: the document must describe the
// JSON the generated code really writes, not only be well-formed.

import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/** Fetches the served document and parses it; `errors` lists the parser's error diagnostics. */
export async function loadDocument(base) {
    const response = await fetch(base + '/asyncapi.json');
    const text = await response.text();
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(text);
    // Severity 0 is an error; warnings and hints (style advice such as "add a license") are not.
    const errors = diagnostics.filter(d => d.severity === 0).map(d => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    return { response, text, json: JSON.parse(text), document, errors };
}

/**
 * The operations of one channel by direction: for each event name, whether clients send it
 * ('receive' operations, from the server's side) or the server does ('send').
 */
export function directions(json, channel) {
    const result = { receive: new Set(), send: new Set(), replies: new Map() };
    for (const operation of Object.values(json.operations ?? {})) {
        if (operation.channel?.$ref !== `#/channels/${channel}`) continue;
        for (const ref of operation.messages ?? []) {
            const message = resolve(json, ref.$ref);
            result[operation.action]?.add(message.name);
            if (operation.reply) {
                const reply = resolve(json, operation.reply.messages[0].$ref);
                result.replies.set(message.name, reply.payload.properties.data.properties.event.const);
            }
        }
    }
    return result;
}

/**
 * A validator for server frames: each frame must match the payload of a message the server sends
 * (an outbound event, or the reply its request's event is answered with). Error frames and the
 * empty replies of requests without a reply event are protocol, not contract, and pass.
 */
export function frameValidator(json, channel) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(ajv);
    for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, true);
    ajv.addSchema(json, 'asyncapi');
    const byEvent = new Map(); // event name -> validate functions of the messages carrying it
    const replies = new Map(); // reply event name -> validate
    const messages = json.channels[channel].messages;
    for (const [key, ref] of Object.entries(messages)) {
        const id = ref.$ref.replace('#/components/messages/', '');
        const validate = ajv.compile({ $ref: `asyncapi#/components/messages/${escapePointer(id)}/payload` });
        const message = json.components.messages[id];
        if (message.name === 'reply') {
            replies.set(message.payload.properties.data.properties.event.const, validate);
        } else {
            byEvent.set(message.name, validate);
        }
        void key;
    }
    return msg => {
        if (msg.event === 'error' || (msg.event === 'reply' && msg.data === null)) return null;
        const validate = msg.event === 'reply' ? replies.get(msg.data?.event) : byEvent.get(msg.event);
        if (!validate) return `'${msg.event === 'reply' ? `reply ${msg.data?.event}` : msg.event}' is not in the AsyncAPI document`;
        if (validate(msg)) return null;
        const error = validate.errors[0];
        return `does not match the AsyncAPI payload of '${msg.event}': ${error.instancePath || '/'} ${error.message}`;
    };
}

/** The node a local `$ref` points at, following references until one that is not a reference. */
function resolve(json, ref) {
    let node = json;
    for (const part of ref.replace(/^#\//, '').split('/')) node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return typeof node?.$ref === 'string' ? resolve(json, node.$ref) : node;
}

const escapePointer = text => text.replace(/~/g, '~0').replace(/\//g, '~1');
