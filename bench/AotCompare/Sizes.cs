namespace AotCompare;

/// <summary>What a published app weighs on disk.</summary>
/// <param name="ExecutableBytes">The native executable alone.</param>
/// <param name="FolderBytes">Every file next to it that ships, so without debug symbols and docs.</param>
internal sealed record Sizes(long ExecutableBytes, long FolderBytes)
{
    private static readonly string[] NotShipped = [".dbg", ".pdb", ".xml"];

    public static Sizes Of(string executable) =>
        new(
            new FileInfo(executable).Length,
            new DirectoryInfo(Path.GetDirectoryName(executable)!)
                .EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(file => !NotShipped.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
                .Sum(file => file.Length));
}
