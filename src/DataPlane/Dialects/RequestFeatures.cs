namespace Switchyard.DataPlane.Dialects;

/// <summary>
/// What a request asks of the model, as the cheap first pass over the body saw it: enough to decide whether a
/// deployment's model can take the body unchanged (the pass-through fast path) or whether it must be fully parsed and
/// checked, adapted or refused (see <c>CapabilityGuard</c>).
/// </summary>
/// <param name="Tools">The request offers tools.</param>
/// <param name="Media">A message holds a non-text part (image, audio, file).</param>
/// <param name="JsonSchema">The response format is a JSON schema.</param>
/// <param name="MaxTokens">The output limit asked for, when one was given.</param>
/// <param name="Unclear">
/// Something the first pass cannot judge (both output-limit fields, a limit that is not a number): the full parse decides.
/// </param>
public readonly record struct RequestFeatures(bool Tools, bool Media, bool JsonSchema, long? MaxTokens, bool Unclear);
