using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TypedSockets.Build;

/// <summary>
/// Reads the string constants of a generated class from an assembly's metadata, without loading
/// the assembly: how the generator's documents and packages (C# constants, the only output a source
/// generator has) reach the tasks that write them to disk, in the same build.
/// </summary>
internal static class MetadataConstants
{
    /// <summary>The namespace of every class the tasks read.</summary>
    public const string Namespace = "TypedSockets.Generated";

    /// <summary>
    /// The string constants of the first class in <see cref="Namespace"/> whose name starts with
    /// <paramref name="classPrefix"/>, by field name in declaration order; null when there is no such class.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Read(string assemblyPath, string classPrefix)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if (!metadata.StringComparer.Equals(type.Namespace, Namespace)
                || !metadata.GetString(type.Name).StartsWith(classPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var constants = new List<KeyValuePair<string, string>>();
            foreach (var fieldHandle in type.GetFields())
            {
                var field = metadata.GetFieldDefinition(fieldHandle);
                var constantHandle = field.GetDefaultValue();
                if (constantHandle.IsNil)
                {
                    continue;
                }
                var constant = metadata.GetConstant(constantHandle);
                if (constant.TypeCode != ConstantTypeCode.String)
                {
                    continue;
                }
                var blob = metadata.GetBlobReader(constant.Value);
                constants.Add(new KeyValuePair<string, string>(metadata.GetString(field.Name), blob.ReadUTF16(blob.Length)));
            }
            return constants;
        }
        return null;
    }
}
