SignalRChat.ChatApp.Build(args).Run();
