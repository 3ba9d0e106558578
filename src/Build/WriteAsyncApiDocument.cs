using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace TypedSockets.Build;

/// <summary>
/// Writes the AsyncAPI document of an assembly's socket endpoints to <see cref="OutputPath"/>.
/// The generator puts the document into the assembly as the constant
/// <c>TypedSockets.Generated.SocketAsyncApi_{Assembly}.Document</c>; this task reads it from the
/// assembly's metadata without loading the assembly. An assembly without endpoints has no document,
/// and a document left from an earlier build is deleted.
/// </summary>
public sealed class WriteAsyncApiDocument : Task
{
    private const string ClassPrefix = "SocketAsyncApi_";
    private const string FieldName = "Document";

    /// <summary>The compiled assembly.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>Where the document goes.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>The file written, when one was.</summary>
    [Output]
    public string? Written { get; private set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        string? document;
        try
        {
            document = Read(AssemblyPath);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError(null, "TSKB001", null, AssemblyPath, 0, 0, 0, 0, "Could not read the AsyncAPI document from '{0}': {1}", AssemblyPath, exception.Message);
            return false;
        }

        if (document is null)
        {
            if (File.Exists(OutputPath))
            {
                File.Delete(OutputPath);
                Log.LogMessage(MessageImportance.Low, "'{0}' has no socket endpoints any more; deleted '{1}'.", AssemblyPath, OutputPath);
            }
            return true;
        }

        var directory = Path.GetDirectoryName(OutputPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(OutputPath, document + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Written = OutputPath;
        Log.LogMessage(MessageImportance.Normal, "TypedSockets: AsyncAPI document -> {0}", OutputPath);
        return true;
    }

    /// <summary>The document constant of the assembly, or null when it has none.</summary>
    internal static string? Read(string assemblyPath)
    {
        var constants = MetadataConstants.Read(assemblyPath, ClassPrefix);
        if (constants is null)
        {
            return null;
        }
        foreach (var constant in constants)
        {
            if (constant.Key == FieldName)
            {
                return constant.Value;
            }
        }
        return null;
    }
}
