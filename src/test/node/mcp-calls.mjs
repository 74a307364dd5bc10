// What the MCP scripts share: a tool call's outcome as JSON the ITs read.

/** isError and the text of a tool call; a protocol error is reported as such, not thrown. */
export async function call(client, name, args) {
  try {
    const r = await client.callTool({ name, arguments: args });
    return { isError: r.isError === true, text: r.content.map((c) => c.text ?? "").join("") };
  } catch (e) {
    return { protocolError: String(e.code ?? ""), text: String(e.message) };
  }
}
