using System.Text.Json;
using SatDownload.Iceye.Errors;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tasks;
using SatDownload.Iceye.Tests.Emulator;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Tasks;

public class IceyeTaskFlowTests
{
    [Fact]
    public async Task Create_sends_every_field_with_wire_names_and_returns_a_received_task()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var request = env.NewRequest();
        request.Reference = "my-ref";
        request.IncidenceAngle = new IceyeIncidenceAngleRange(20, 35);
        request.LookSide = IceyeLookSide.Right;
        request.PassDirection = IceyePassDirection.Ascending;
        request.ImagingDuration = 12;
        request.Priority = IceyePriority.Commercial;
        request.Sla = "SLA_12H";
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd };

        var task = await env.Client.CreateTaskAsync(request);

        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal("RECEIVED", task.ProviderStatus);
        Assert.Equal(IceyeTaskStatus.Received, task.IceyeStatus);
        Assert.True(task.CanCancel);
        Assert.Equal("my-ref", task.Info!.Reference);
        Assert.Equal(new[] { IceyeProductType.Sicd }, task.Info.ProductTypes);
        Assert.Equal($"iceye:tasking:{task.Id}", task.RehydrationToken);

        var post = Assert.Single(env.ApiRequests, r => r.Method == "POST" && r.Path.EndsWith("/api/tasking/v2/tasks", StringComparison.Ordinal));
        Assert.Equal(201, post.StatusCode);
        Assert.Equal("application/json, application/problem+json", post.Headers["Accept"]);
        Assert.StartsWith("Bearer ", post.Headers["Authorization"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(post.RequestBody!);
        var root = body.RootElement;
        Assert.Equal(IceyeEmulator.DefaultContractId, root.GetProperty("contractID").GetString());
        Assert.Equal(60.17, root.GetProperty("pointOfInterest").GetProperty("lat").GetDouble());
        Assert.Equal("SPOTLIGHT", root.GetProperty("imagingMode").GetString());
        Assert.Equal(35, root.GetProperty("incidenceAngle").GetProperty("max").GetDouble());
        Assert.Equal("RIGHT", root.GetProperty("lookSide").GetString());
        Assert.Equal("ASCENDING", root.GetProperty("passDirection").GetString());
        Assert.Equal(12, root.GetProperty("imagingDuration").GetInt32());
        Assert.Equal("COMMERCIAL", root.GetProperty("priority").GetString());
        Assert.Equal("SLA_12H", root.GetProperty("sla").GetString());
        Assert.Equal("my-ref", root.GetProperty("reference").GetString());
        Assert.Equal("SICD", root.GetProperty("productTypes")[0].GetString());

        var token = Assert.Single(env.Host.Requests.ForPath("/iceye/oauth/v1/token"));
        Assert.StartsWith("Basic ", token.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", token.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_status_transition_is_observed_on_the_virtual_clock()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        var o = env.Iceye.Options;
        var seen = new List<(ProviderTaskStatus, string?, bool)>();

        foreach (var step in new[] { TimeSpan.Zero, o.ReceivedDuration, o.ActiveDuration, o.FulfilledDuration })
        {
            env.Advance(step);
            await task.UpdateStatusAsync();
            seen.Add((task.Status, task.ProviderStatus, task.AssetsAvailable));
        }

        Assert.Equal(
            new[]
            {
                (ProviderTaskStatus.Pending, (string?)"RECEIVED", false),
                (ProviderTaskStatus.Running, "ACTIVE", false),
                (ProviderTaskStatus.Running, "FULFILLED", true),
                (ProviderTaskStatus.Succeeded, "DONE", true),
            },
            seen);
        Assert.True(task.HasCompleted);
        var polls = env.ApiRequests.Count(r => r.Method == "GET" && r.Path.EndsWith(task.Id, StringComparison.Ordinal));
        await task.UpdateStatusAsync();
        Assert.Equal(polls, env.ApiRequests.Count(r => r.Method == "GET" && r.Path.EndsWith(task.Id, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(IceyeEmulatedOutcome.Reject, "REJECTED")]
    [InlineData(IceyeEmulatedOutcome.Fail, "FAILED")]
    public async Task Rejected_and_failed_tasks_end_failed_and_waiting_throws(IceyeEmulatedOutcome outcome, string raw)
    {
        await using var env = await IceyeTestEnvironment.StartAsync(new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromSeconds(2),
            ActiveDuration = TimeSpan.FromSeconds(2),
        });
        env.Iceye.ScriptOutcomes(outcome);
        var task = await env.Client.CreateTaskAsync(env.NewRequest());

        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => task.WaitForCompletionAsync());

        Assert.Equal(ProviderTaskStatus.Failed, task.Status);
        Assert.Equal(raw, task.ProviderStatus);
        Assert.Contains(task.Id, ex.Message, StringComparison.Ordinal);
        Assert.False(task.CanCancel);
    }

    [Fact]
    public async Task Waiting_for_assets_returns_at_fulfilled_and_waiting_again_returns_at_done()
    {
        await using var env = await IceyeTestEnvironment.StartAsync(new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromSeconds(2),
            ActiveDuration = TimeSpan.FromSeconds(4),
            FulfilledDuration = TimeSpan.FromSeconds(4),
        });
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        var progress = new List<string?>();

        var first = await task.WaitForCompletionAsync(
            new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(1), CompleteWhenAssetsAvailable = true },
            new SynchronousProgress<ProviderTaskProgress>(p => progress.Add(p.ProviderStatus)));

        Assert.Equal(ProviderTaskStatus.Running, first);
        Assert.Equal("FULFILLED", task.ProviderStatus);
        Assert.Contains("RECEIVED", progress);
        Assert.Contains("ACTIVE", progress);

        var final = await task.WaitForCompletionAsync();

        Assert.Equal(ProviderTaskStatus.Succeeded, final);
        Assert.Equal("DONE", task.ProviderStatus);
    }

    [Fact]
    public async Task Cancel_from_received_and_from_active_succeeds()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var received = await env.Client.CreateTaskAsync(env.NewRequest());
        var active = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Advance(env.Iceye.Options.ReceivedDuration);
        await active.UpdateStatusAsync();

        await received.CancelAsync();
        await active.CancelAsync();

        Assert.Equal(ProviderTaskStatus.Canceled, received.Status);
        Assert.Equal("CANCELED", active.ProviderStatus);
        var patch = env.ApiRequests.First(r => r.Method == "PATCH");
        Assert.Equal("""{"status":"CANCELED"}""", patch.RequestBody);
        Assert.Equal(200, patch.StatusCode);
    }

    [Fact]
    public async Task Cancel_of_a_fulfilled_task_is_refused_locally_without_a_request()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);
        await task.UpdateStatusAsync();

        var ex = await Assert.ThrowsAsync<IceyeTaskNotCancelableException>(() => task.CancelAsync());

        Assert.False(task.CanCancel);
        Assert.Equal(IceyeTaskStatus.Fulfilled, ex.Status);
        Assert.Contains("it is FULFILLED", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(env.ApiRequests, r => r.Method == "PATCH");
    }

    [Theory]
    [InlineData(409)]
    [InlineData(400)]
    public async Task Cancel_refused_by_the_server_names_the_status_whichever_refusal_status_is_used(int refusal)
    {
        await using var env = await IceyeTestEnvironment.StartAsync(new IceyeEmulatorOptions { CancelRefusalStatus = refusal });
        var created = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Advance(TimeSpan.FromDays(1));

        var ex = await Assert.ThrowsAsync<IceyeTaskNotCancelableException>(() => env.Client.CancelTaskAsync(created.Id));

        Assert.Equal(IceyeTaskStatus.Done, ex.Status);
        var inner = Assert.IsType<ProviderRequestException>(ex.InnerException);
        Assert.Equal(refusal, inner.Status);
        Assert.Equal("invalid_status_transition", inner.ErrorCode);
        Assert.Contains("only be cancelled while RECEIVED or ACTIVE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_rehydrated_from_its_token_polls_and_cancels()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var created = await env.Client.CreateTaskAsync(env.NewRequest());
        var requestsBefore = env.ApiRequests.Count;

        var again = env.CreateClient().GetTask(created.RehydrationToken);

        Assert.Equal(requestsBefore, env.ApiRequests.Count);
        Assert.Equal(created.Id, again.Id);
        Assert.Null(again.Info);
        Assert.Equal(ProviderTaskStatus.Pending, await again.UpdateStatusAsync());
        await again.CancelAsync();
        Assert.Equal(ProviderTaskStatus.Canceled, (await env.Client.GetTaskAsync(created.Id)).Status);
        Assert.Throws<ArgumentException>(() => env.Client.GetTask("capella:order:123"));
    }

    [Fact]
    public async Task The_server_400_problem_details_are_surfaced()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var request = env.NewRequest();
        request.ImagingMode = IceyeImagingMode.SpotlightExtendedDwellPrecise;

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.CreateTaskAsync(request));

        Assert.Equal(400, ex.Status);
        Assert.Equal(ProviderNames.Iceye, ex.Provider);
        Assert.Equal("imaging_mode_not_allowed", ex.ErrorCode);
        Assert.Contains("Imaging mode 'SPOTLIGHT_EXTENDED_DWELL_PRECISE' is not allowed by contract", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.Contains("https://docs.iceye.com/", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);

        request = env.NewRequest();
        request.ContractId = "no-such-contract";
        var unknown = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.CreateTaskAsync(request));
        Assert.Equal("contract_not_found", unknown.ErrorCode);
    }

    [Fact]
    public async Task Bad_input_is_rejected_before_any_request()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var request = env.NewRequest();
        request.AcquisitionWindow = new IceyeAcquisitionWindow(env.Clock.GetUtcNow().AddHours(1), env.Clock.GetUtcNow().AddHours(5));
        request.PointOfInterest = new IceyePointOfInterest(95, 24);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => env.Client.CreateTaskAsync(request));
        await Assert.ThrowsAsync<ArgumentException>(() => env.Client.GetTaskInfoAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => env.Client.GetProductsAsync("t", default(IceyeProductType)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => env.Client.GetTasksPageAsync(pageSize: 0));

        Assert.Contains("lasts 4 h", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Latitude is 95", ex.Message, StringComparison.Ordinal);
        Assert.Empty(env.Host.Requests);
    }

    [Fact]
    public async Task Task_list_follows_the_cursor_and_an_out_of_range_limit_is_a_400()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await env.Client.CreateTaskAsync(env.NewRequest())).Id);
        }

        var listed = new List<string>();
        await foreach (var t in env.Client.GetTasksAsync())
        {
            listed.Add(t.Id);
        }

        Assert.Equal(ids, listed);
        var pages = env.ApiRequests.Where(r => r.Method == "GET" && r.Path.EndsWith("/api/tasking/v2/tasks", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("limit", p.QueryParameterNames));
        Assert.Equal(2, pages.Count(p => p.QueryParameterNames.Contains("cursor")));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.GetTasksPageAsync(pageSize: 500));
        Assert.Equal(400, ex.Status);
        Assert.Equal("invalid_limit", ex.ErrorCode);
    }

    [Fact]
    public async Task Contracts_are_listed()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();

        var contracts = new List<IceyeContract>();
        await foreach (var c in env.Client.GetContractsAsync())
        {
            contracts.Add(c);
        }

        var contract = Assert.Single(contracts);
        Assert.Equal(IceyeEmulator.DefaultContractId, contract.Id);
        Assert.Equal("Emulated SAR contract", contract.Name);
        Assert.Equal(JsonValueKind.Array, contract.AdditionalProperties!["imagingModes"].ValueKind);
    }

    [Fact]
    public async Task Unknown_task_is_a_typed_404()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.GetTaskAsync("nope"));

        Assert.Equal(404, ex.Status);
        Assert.Equal("not_found", ex.ErrorCode);
        Assert.Equal("GET /api/tasking/v2/tasks/{id}", ex.Operation);
    }
}
