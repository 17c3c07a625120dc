using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Validation;

/// <summary>
/// Checks what JSON alone cannot: the fields ICEYE always sends and the client relies on (a task's id and status, a
/// page's data array, a product's id and asset hrefs). A response missing one is a broken response, reported as a typed
/// error naming the JSON path, rather than an empty id or a null reference far from the call.
/// </summary>
internal static class IceyeResponseValidator
{
    /// <summary>The problem with a task, or null when it is usable.</summary>
    public static string? ProblemOf(IceyeTaskInfo? task, string path = "$")
    {
        if (task is null)
        {
            return $"returned null at {path} where a task was expected";
        }

        if (string.IsNullOrWhiteSpace(task.Id))
        {
            return $"returned a task without its required 'id' at {path}.id";
        }

        if (string.IsNullOrWhiteSpace(task.Status.Value))
        {
            return $"returned task '{task.Id}' without its required 'status' at {path}.status";
        }

        return null;
    }

    /// <summary>The problem with a contract, or null when it is usable.</summary>
    public static string? ProblemOf(IceyeContract? contract, string path)
    {
        if (contract is null)
        {
            return $"returned null at {path} where a contract was expected";
        }

        return string.IsNullOrWhiteSpace(contract.Id) ? $"returned a contract without its required 'id' at {path}.id" : null;
    }

    /// <summary>The problem with a product, or null when it is usable.</summary>
    public static string? ProblemOf(IceyeProduct? product, string path)
    {
        if (product is null)
        {
            return $"returned null at {path} where a product was expected";
        }

        if (string.IsNullOrWhiteSpace(product.Id))
        {
            return $"returned a product without its required 'id' at {path}.id";
        }

        foreach (var (key, asset) in product.Assets)
        {
            if (asset is null)
            {
                return $"returned product '{product.Id}' with a null asset at {path}.assets.{key}";
            }

            // Only the shape is reported, never the URL itself: it carries a signature.
            if (asset.Href is null)
            {
                return $"returned asset '{key}' of product '{product.Id}' without its required 'href' at {path}.assets.{key}.href";
            }

            if (!asset.Href.IsAbsoluteUri || (asset.Href.Scheme != Uri.UriSchemeHttps && asset.Href.Scheme != Uri.UriSchemeHttp))
            {
                return $"returned asset '{key}' of product '{product.Id}' whose 'href' is not an absolute http(s) URL at {path}.assets.{key}.href";
            }
        }

        return null;
    }

    /// <summary>The problem with a page or any of its items, or null when it is usable.</summary>
    public static string? ProblemOf<T>(IceyePage<T>? page, Func<T?, string, string?> itemProblem)
        where T : class
    {
        if (page?.Data is null)
        {
            return "returned a page without its required 'data' array at $.data";
        }

        for (var i = 0; i < page.Data.Count; i++)
        {
            if (itemProblem(page.Data[i], $"$.data[{i}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
